package io.github.scratchimage.analysis.golang;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.Section;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Go version and module information the go command writes into {@code .go.buildinfo}
 * ({@code go version -m} prints the same).
 *
 * <p>Layout ({@code debug/buildinfo}): 14 bytes {@code "\xff Go buildinf:"}, a pointer size byte
 * and a flags byte, padded to 32 bytes. With flag 2 (Go 1.18 and later) two strings follow
 * inline, each a uvarint length and its bytes: the Go version, then the module information,
 * whose text sits between two fixed 16-byte sentinels. Before Go 1.18 the header held pointers
 * to the strings instead; following them needs the segment map and is not done, that data is
 * reported as not understood.
 */
record BuildInfo(String goVersion, String modInfo) {
    static final String SECTION = ".go.buildinfo";
    static final int MAX_VERSION = 1024;
    /** Hundreds of dependencies take some tens of kilobytes. */
    static final int MAX_MOD_INFO = 4 << 20;
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = 32;
    private static final int FLAG_INLINE_STRINGS = 2;
    private static final int SENTINEL = 16;

    /**
     * Empty when the file has none; {@link NotUnderstood} when it has one that cannot be read.
     * {@code scan}: look for the magic in the segments when no section names the table.
     */
    static Optional<BuildInfo> read(GoFile file, ElfFile elf, boolean scan) throws IOException, NotUnderstood {
        Optional<Section> section = elf.section(SECTION);
        if (section.isPresent() && section.get().sizeInFile() > 0) {
            long[] range = file.clip(section.get().offset(), section.get().sizeInFile());
            if (range == null) {
                throw new NotUnderstood("section " + SECTION + " lies outside the file");
            }
            return Optional.of(parse(file, range[0], range[1], "section " + SECTION));
        }
        if (!scan) {
            return Optional.empty();
        }
        List<BuildInfo> found = new ArrayList<>(1);
        List<NotUnderstood> old = new ArrayList<>(1);
        OptionalLong at = MagicScan.find(file, file.loadedRanges(elf), List.of(MAGIC), (offset, end) -> {
            try {
                found.add(parse(file, offset, end, "build information"));
                return true;
            } catch (NotUnderstood e) {
                if (old.isEmpty() && hasHeader(file, offset)) {
                    old.add(e); // a real header in a format not read: worth saying, unlike a chance match
                }
                return false;
            }
        });
        if (at.isPresent()) {
            return Optional.of(found.get(0));
        }
        if (!old.isEmpty()) {
            throw old.get(0);
        }
        return Optional.empty();
    }

    private static boolean hasHeader(GoFile file, long offset) throws IOException {
        ByteBuffer header = file.readUpTo(offset, HEADER);
        if (header.remaining() < HEADER) {
            return false;
        }
        int ptrSize = header.get(MAGIC.length);
        return ptrSize == 4 || ptrSize == 8;
    }

    static BuildInfo parse(GoFile file, long offset, long end, String where) throws IOException, NotUnderstood {
        if (end - offset < HEADER) {
            throw new NotUnderstood(where + " has " + (end - offset) + " bytes, too few for its " + HEADER
                    + "-byte header");
        }
        ByteBuffer header = file.read(offset, HEADER, where + " header");
        for (int i = 0; i < MAGIC.length; i++) {
            if (header.get(i) != MAGIC[i]) {
                throw new NotUnderstood(where
                        + " does not start with the build information magic \"\\xff Go buildinf:\"");
            }
        }
        int ptrSize = header.get(MAGIC.length);
        int flags = header.get(MAGIC.length + 1);
        if (ptrSize != 4 && ptrSize != 8) {
            throw new NotUnderstood(where + " has pointer size " + ptrSize + ", expected 4 or 8");
        }
        if ((flags & FLAG_INLINE_STRINGS) == 0) {
            throw new NotUnderstood(where + " has the format of Go 1.13 to 1.17 (pointers to the strings), which is"
                    + " not read: Go version and modules unknown");
        }
        long[] position = {offset + HEADER};
        byte[] version = bytes(file, position, end, MAX_VERSION, where + " Go version");
        byte[] modInfo = bytes(file, position, end, MAX_MOD_INFO, where + " module information");
        int from = 0;
        int to = modInfo.length;
        if (to >= 2 * SENTINEL + 1 && modInfo[to - SENTINEL - 1] == '\n') {
            from = SENTINEL;
            to -= SENTINEL;
        }
        // Module paths and versions are UTF-8 text; the sentinels around them are not.
        return new BuildInfo(new String(version, StandardCharsets.UTF_8),
                new String(modInfo, from, to - from, StandardCharsets.UTF_8));
    }

    /** A uvarint length and that many bytes at {@code position[0]}, which moves past them. */
    private static byte[] bytes(GoFile file, long[] position, long end, int max, String what)
            throws IOException, NotUnderstood {
        ByteBuffer varint = file.readUpTo(position[0], (int) Math.min(10, end - position[0]));
        long length = 0;
        int shift = 0;
        int used = 0;
        while (true) {
            if (!varint.hasRemaining()) {
                throw new NotUnderstood(what + ": its length runs past the end of the data");
            }
            int b = varint.get() & 0xff;
            used++;
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new NotUnderstood(what + ": its length does not fit in 32 bits");
            }
        }
        if (length > max || length > end - position[0] - used) {
            throw new NotUnderstood(what + " claims " + length + " bytes, beyond the data or the " + max + " allowed");
        }
        byte[] bytes = new byte[(int) length];
        file.read(position[0] + used, length, what).get(bytes);
        position[0] += used + length;
        return bytes;
    }
}
