package io.github.scratchimage.analysis;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ProgramHeader;
import io.github.scratchimage.elf.Section;
import io.github.scratchimage.elf.SegmentType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which of a few fixed strings occur in an executable's read-only data, the way
 * {@code strings | grep} would, streaming through a 1 MiB window: a 60 MB executable is never
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
    private static final int WINDOW = 1024 * 1024;

    private ReadOnlyStrings() {
    }

    /** The needles that occur; a needle of {@link Needle#bounded} kind must not be part of a longer path. */
    static Set<Needle> find(Path file, ElfFile elf, List<Needle> needles) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return find(channel, ranges(elf, channel.size()), needles);
        }
    }

    /** The needles that occur in the given {offset, length} ranges of the file. */
    static Set<Needle> find(FileChannel channel, List<long[]> ranges, List<Needle> needles) throws IOException {
        Set<Needle> found = new LinkedHashSet<>();
        long budget = MAX_SCANNED_BYTES;
        for (long[] range : ranges) {
            long length = Math.min(range[1], budget);
            scan(channel, range[0], length, needles, found);
            budget -= length;
            if (budget <= 0 || found.size() == needles.size()) {
                break;
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

    /**
     * Looks for every needle still missing in one window of the file at a time. A needle is all
     * printable, so any occurrence lies inside a printable run, as {@code strings} would print
     * it; searching the raw bytes with {@link String#indexOf} (a vectorised intrinsic on Latin-1
     * strings) finds the same occurrences several times faster than walking the runs. Windows
     * overlap by the longest needle, so an occurrence across a window edge is still seen.
     */
    private static void scan(FileChannel channel, long offset, long length, List<Needle> needles, Set<Needle> found)
            throws IOException {
        int overlap = needles.stream().mapToInt(needle -> needle.text().length()).max().orElse(0) + 1;
        byte[] window = new byte[WINDOW + overlap];
        ByteBuffer buffer = ByteBuffer.wrap(window);
        long position = offset;
        long end = offset + length;
        int carried = 0;
        while (position < end && found.size() < needles.size()) {
            buffer.clear().position(carried).limit(carried + (int) Math.min(WINDOW, end - position));
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            position += n;
            int filled = carried + n;
            // ISO-8859-1 keeps one char per byte, so indexes in the text are offsets in the window.
            String text = new String(window, 0, filled, StandardCharsets.ISO_8859_1);
            findIn(text, position >= end, needles, found);
            carried = Math.min(overlap, filled);
            System.arraycopy(window, filled - carried, window, 0, carried);
        }
    }

    /**
     * One pass per distinct first character rather than one per needle: most needles are paths
     * starting with {@code /}, and a single-character {@link String#indexOf} is the fastest
     * search the JDK has.
     */
    private static void findIn(String text, boolean endIsBoundary, List<Needle> needles, Set<Needle> found) {
        Map<Character, List<Needle>> byFirst = new LinkedHashMap<>();
        for (Needle needle : needles) {
            if (!found.contains(needle)) {
                byFirst.computeIfAbsent(needle.text().charAt(0), c -> new ArrayList<>()).add(needle);
            }
        }
        for (Map.Entry<Character, List<Needle>> group : byFirst.entrySet()) {
            List<Needle> missing = new ArrayList<>(group.getValue());
            for (int at = text.indexOf(group.getKey()); at >= 0 && !missing.isEmpty();
                    at = text.indexOf(group.getKey(), at + 1)) {
                for (java.util.Iterator<Needle> it = missing.iterator(); it.hasNext(); ) {
                    Needle needle = it.next();
                    if (text.startsWith(needle.text(), at) && needle.boundedAt(text, at, endIsBoundary)) {
                        found.add(needle);
                        it.remove();
                    }
                }
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
            return occursIn(run, true);
        }

        /**
         * {@code endIsBoundary}: the text ends where the data ends; when not, an occurrence that
         * touches the end is left for the next window, which carries it with the byte after it.
         */
        boolean occursIn(String run, boolean endIsBoundary) {
            for (int at = run.indexOf(text); at >= 0; at = run.indexOf(text, at + 1)) {
                if (boundedAt(run, at, endIsBoundary)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the occurrence at {@code at} stands alone as a path, when the needle must. */
        boolean boundedAt(String run, int at, boolean endIsBoundary) {
            if (!bounded) {
                return true;
            }
            int after = at + text.length();
            boolean startOk = at == 0 || !isPathChar(run.charAt(at - 1));
            boolean endOk = after == run.length() ? endIsBoundary
                    : !isPathChar(run.charAt(after)) || run.charAt(after) == '/';
            return startOk && endOk;
        }

        private static boolean isPathChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
        }
    }
}
