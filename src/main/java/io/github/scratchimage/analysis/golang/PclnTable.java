package io.github.scratchimage.analysis.golang;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.Section;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The function names of Go's pclntab (the runtime's table from program counters to functions,
 * lines and files, kept for stack traces and the garbage collector, so {@code -ldflags=-s -w}
 * cannot remove it).
 *
 * <p>Layout ({@code runtime/symtab.go}, {@code pcHeader}), all words in the file's byte order:
 * {@code uint32 magic; uint8 0, 0, minLC, ptrSize}, then pointer-sized words {@code nfunc, nfiles,
 * [textStart,] funcnameOffset, cuOffset, filetabOffset, pctabOffset, pclnOffset}; the offsets are
 * from the header. {@code textStart} exists from Go 1.18 (magic {@code 0xfffffff0}) and in 1.20+
 * ({@code 0xfffffff1}, same header), not in 1.16/1.17 ({@code 0xfffffffa}). The names are read
 * from the function name table (from {@code funcnameOffset} to {@code cuOffset}): NUL-terminated
 * names one after the other. Reading the table whole rather than through each function's
 * {@code nameoff} also yields the functions inlined into others, which a caller that asks "does
 * this program call {@code os.TempDir}" needs: small functions exist only inlined.
 *
 * <p>A header is trusted only when its offsets are ordered and inside the table, the name table
 * ends with a NUL, and the first function table entry ({@code functab} at {@code pclnOffset}:
 * {@code nfunc + 1} pairs of entry and {@code _func} offset, 32-bit each from Go 1.18,
 * pointer-sized before) leads to a {@code _func} whose {@code nameoff} starts a name. That is
 * what lets a magic found by scanning be told from the same four bytes in code or data.
 */
final class PclnTable {
    static final long MAX_FUNCTIONS = 1 << 22;
    static final long MAX_NAME_TABLE = 64 << 20;
    /** Internal linking names it {@code .gopclntab}; a PIE keeps it among the relocated data. */
    static final List<String> SECTION_NAMES = List.of(".gopclntab", ".data.rel.ro.gopclntab");
    private static final long GO_1_2_MAGIC = 0xfffffffbL;

    enum Layout {
        GO_1_16(0xfffffffaL, false),
        GO_1_18(0xfffffff0L, true),
        GO_1_20(0xfffffff1L, true);

        final long magic;
        final boolean hasTextStart;

        Layout(long magic, boolean hasTextStart) {
            this.magic = magic;
            this.hasTextStart = hasTextStart;
        }

        static Optional<Layout> of(long magic) {
            for (Layout layout : values()) {
                if (layout.magic == magic) {
                    return Optional.of(layout);
                }
            }
            return Optional.empty();
        }
    }

    private PclnTable() {
    }

    /**
     * The function names, or empty when the file has no pclntab; {@link NotUnderstood} when it
     * has one (a section of that name) that cannot be read. {@code scan}: look for the magic in
     * the segments when no section names the table.
     */
    static Optional<Set<String>> read(GoFile file, ElfFile elf, boolean scan) throws IOException, NotUnderstood {
        for (String name : SECTION_NAMES) {
            Optional<Section> section = elf.section(name);
            if (section.isPresent() && section.get().sizeInFile() > 0) {
                long[] range = file.clip(section.get().offset(), section.get().sizeInFile());
                if (range == null) {
                    throw new NotUnderstood("section " + name + " lies outside the file");
                }
                return Optional.of(parse(file, range[0], range[1], "section " + name));
            }
        }
        if (!scan) {
            return Optional.empty();
        }
        List<Set<String>> found = new ArrayList<>(1);
        OptionalLong at = MagicScan.find(file, file.loadedRanges(elf), patterns(file.order()), (offset, end) -> {
            try {
                found.add(parse(file, offset, end, "pclntab"));
                return true;
            } catch (NotUnderstood e) {
                return false;
            }
        });
        return at.isPresent() ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static List<byte[]> patterns(ByteOrder order) {
        List<byte[]> patterns = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            byte[] pattern = new byte[6];
            ByteBuffer.wrap(pattern).order(order).putInt((int) layout.magic);
            patterns.add(pattern); // the two zero pad bytes follow the magic
        }
        return patterns;
    }

    static Set<String> parse(GoFile file, long offset, long end, String where) throws IOException, NotUnderstood {
        long length = end - offset;
        if (length < 8) {
            throw new NotUnderstood(where + " has " + length + " bytes, too few for a pclntab header");
        }
        ByteBuffer head = file.read(offset, 8, where + " header");
        long magic = head.getInt() & 0xffffffffL;
        Optional<Layout> known = Layout.of(magic);
        if (known.isEmpty()) {
            throw new NotUnderstood(magic == GO_1_2_MAGIC
                    ? where + " has the pclntab layout of Go 1.2 to 1.15 (magic 0xfffffffb); its function names"
                            + " are not read, so the run-time needs of this program are unknown"
                    : where + " starts with 0x" + Long.toHexString(magic)
                            + ", not a pclntab magic of Go 1.16 or later");
        }
        Layout layout = known.get();
        int minLc = head.get(6) & 0xff;
        int ptrSize = head.get(7) & 0xff;
        if (head.get(4) != 0 || head.get(5) != 0 || (minLc != 1 && minLc != 2 && minLc != 4)
                || (ptrSize != 4 && ptrSize != 8)) {
            throw new NotUnderstood(where + " header has pad " + head.get(4) + "/" + head.get(5) + ", instruction size "
                    + minLc + " and pointer size " + ptrSize + "; expected 0/0, 1, 2 or 4 and 4 or 8");
        }
        int words = layout.hasTextStart ? 8 : 7;
        long headerSize = 8 + (long) words * ptrSize;
        if (length < headerSize) {
            throw new NotUnderstood(where + " has " + length + " bytes, too few for its " + headerSize
                    + "-byte header");
        }
        ByteBuffer header = file.read(offset + 8, headerSize - 8, where + " header");
        long[] w = new long[words];
        for (int i = 0; i < words; i++) {
            w[i] = ptrSize == 8 ? header.getLong() : header.getInt() & 0xffffffffL;
        }
        int k = layout.hasTextStart ? 3 : 2;
        long functions = w[0];
        long names = w[k];
        long cu = w[k + 1];
        long pcln = w[k + 4];
        if (functions <= 0 || functions > MAX_FUNCTIONS) {
            throw new NotUnderstood(where + " claims " + Long.toUnsignedString(functions) + " functions, expected 1 to "
                    + MAX_FUNCTIONS);
        }
        for (int i = k; i < words; i++) {
            boolean ordered = w[i] >= (i == k ? headerSize : w[i - 1]) && w[i] <= length;
            if (!ordered || (i == k + 1 && w[i] == w[i - 1])) {
                throw new NotUnderstood(where + " header offsets " + Long.toUnsignedString(names) + ", "
                        + Long.toUnsignedString(cu) + ", ... are not ordered within its " + length + " bytes");
            }
        }
        int entrySize = layout.hasTextStart ? 8 : 2 * ptrSize;
        if ((functions + 1) * entrySize > length - pcln) {
            throw new NotUnderstood(where + ": the table of " + functions + " functions at offset " + pcln
                    + " does not fit in its " + length + " bytes");
        }
        if (cu - names > MAX_NAME_TABLE) {
            throw new NotUnderstood(where + ": the function name table has " + (cu - names) + " bytes, more than the "
                    + MAX_NAME_TABLE + " this reader takes");
        }
        byte[] table = new byte[(int) (cu - names)];
        file.read(offset + names, table.length, where + " function name table").get(table);
        if (table[table.length - 1] != 0) {
            throw new NotUnderstood(where + ": the function name table does not end with a NUL");
        }
        checkFirstFunction(file, offset, length, pcln, entrySize, table, where);
        return split(table);
    }

    /** The first function's {@code nameoff} must start a name, else the header is a chance match. */
    private static void checkFirstFunction(GoFile file, long offset, long length, long pcln, int entrySize,
            byte[] table, String where) throws IOException, NotUnderstood {
        ByteBuffer entry = file.read(offset + pcln, entrySize, where + " first function entry");
        long funcOffset = entrySize == 16 ? entry.getLong(8) : entry.getInt(entrySize / 2) & 0xffffffffL;
        int nameField = entrySize / 2;
        if (funcOffset < 0 || funcOffset > length - pcln - nameField - 4) {
            throw new NotUnderstood(where + ": the first function's record offset " + Long.toUnsignedString(funcOffset)
                    + " is outside the table");
        }
        int nameOffset = file.read(offset + pcln + funcOffset + nameField, 4, where + " first function name offset")
                .getInt();
        if (nameOffset < 0 || nameOffset >= table.length || table[nameOffset] == 0
                || (nameOffset > 0 && table[nameOffset - 1] != 0)) {
            throw new NotUnderstood(where + ": the first function's name offset " + nameOffset
                    + " does not start a name in the function name table");
        }
    }

    private static Set<String> split(byte[] table) {
        Set<String> names = new HashSet<>();
        int start = 0;
        for (int i = 0; i < table.length; i++) {
            if (table[i] == 0) {
                if (i > start) {
                    names.add(new String(table, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }
}
