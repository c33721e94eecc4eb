package io.github.scratchimage.analysis;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ProgramHeader;
import io.github.scratchimage.elf.Section;
import io.github.scratchimage.elf.SegmentType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds which of a few fixed strings occur in an executable's read-only data, the way
 * {@code strings | grep} would, streaming through a 64 KiB buffer: a 60 MB executable is never
 * in memory, and the time is one sequential read of its constant data.
 *
 * <p>Where: file-backed PT_LOAD segments that are neither writable nor executable (where
 * {@code .rodata} lives with today's linkers); when there are none (older linkers put
 * {@code .rodata} in the text segment), the {@code .rodata} section; when neither, every
 * non-writable PT_LOAD segment.
 */
final class ReadOnlyStrings {
    /** Go and GraalVM executables hold much constant data; past this the scan stops. */
    static final long MAX_SCANNED_BYTES = 512L * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;
    /** A run longer than this is checked and cut, keeping a tail so a needle across the cut is found. */
    private static final int MAX_RUN = 8 * 1024;
    private static final int MIN_RUN = 4;

    private ReadOnlyStrings() {
    }

    /** The needles that occur; a needle of {@link Needle#bounded} kind must not be part of a longer path. */
    static Set<Needle> find(Path file, ElfFile elf, List<Needle> needles) throws IOException {
        Set<Needle> found = new LinkedHashSet<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long budget = MAX_SCANNED_BYTES;
            for (long[] range : ranges(elf, channel.size())) {
                long length = Math.min(range[1], budget);
                scan(channel, range[0], length, needles, found);
                budget -= length;
                if (budget <= 0 || found.size() == needles.size()) {
                    break;
                }
            }
        }
        return found;
    }

    /** {offset, length} pairs, clipped to the file. */
    static List<long[]> ranges(ElfFile elf, long fileSize) {
        List<long[]> ranges = new ArrayList<>();
        for (ProgramHeader p : elf.programHeaders()) {
            if (p.type() == SegmentType.LOAD && !p.writable() && !p.executable() && p.fileSize() > 0) {
                add(ranges, p.offset(), p.fileSize(), fileSize);
            }
        }
        if (ranges.isEmpty()) {
            for (Section s : elf.sections()) {
                if (s.name().equals(".rodata") || s.name().startsWith(".rodata.")) {
                    add(ranges, s.offset(), s.sizeInFile(), fileSize);
                }
            }
        }
        if (ranges.isEmpty()) {
            for (ProgramHeader p : elf.programHeaders()) {
                if (p.type() == SegmentType.LOAD && !p.writable() && p.fileSize() > 0) {
                    add(ranges, p.offset(), p.fileSize(), fileSize);
                }
            }
        }
        return ranges;
    }

    private static void add(List<long[]> ranges, long offset, long length, long fileSize) {
        if (offset < 0 || length <= 0 || offset >= fileSize) {
            return;
        }
        ranges.add(new long[] {offset, Math.min(length, fileSize - offset)});
    }

    private static void scan(FileChannel channel, long offset, long length, List<Needle> needles, Set<Needle> found)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        StringBuilder run = new StringBuilder();
        long position = offset;
        long end = offset + length;
        while (position < end) {
            buffer.clear().limit((int) Math.min(BUFFER, end - position));
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            position += n;
            buffer.flip();
            while (buffer.hasRemaining()) {
                int b = buffer.get() & 0xff;
                if (b >= 0x20 && b < 0x7f) {
                    run.append((char) b);
                    if (run.length() >= MAX_RUN) {
                        match(run, needles, found);
                        run.delete(0, run.length() - 64);
                    }
                } else {
                    if (run.length() >= MIN_RUN) {
                        match(run, needles, found);
                    }
                    run.setLength(0);
                }
            }
        }
        if (run.length() >= MIN_RUN) {
            match(run, needles, found);
        }
    }

    private static void match(CharSequence run, List<Needle> needles, Set<Needle> found) {
        String text = run.toString();
        for (Needle needle : needles) {
            if (!found.contains(needle) && needle.occursIn(text)) {
                found.add(needle);
            }
        }
    }

    /**
     * A string to look for. A bounded needle must start where a path starts and end where a path
     * component ends: {@code /tmp} matches {@code /tmp/x} but not {@code /var/tmp}.
     */
    record Needle(String text, boolean bounded) {
        static Needle contains(String text) {
            return new Needle(text, false);
        }

        static Needle path(String text) {
            return new Needle(text, true);
        }

        boolean occursIn(String run) {
            for (int at = run.indexOf(text); at >= 0; at = run.indexOf(text, at + 1)) {
                if (!bounded) {
                    return true;
                }
                int after = at + text.length();
                boolean startOk = at == 0 || !isPathChar(run.charAt(at - 1));
                boolean endOk = after == run.length() || !isPathChar(run.charAt(after)) || run.charAt(after) == '/';
                if (startOk && endOk) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isPathChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
        }
    }
}
