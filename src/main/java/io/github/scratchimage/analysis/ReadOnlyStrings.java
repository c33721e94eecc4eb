package io.github.scratchimage.analysis;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ProgramHeader;
import io.github.scratchimage.elf.Section;
import io.github.scratchimage.elf.SegmentType;
import io.github.scratchimage.elf.FileBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds which of a few fixed strings occur in an executable's read-only data, the way
 * {@code strings | grep} would, a 1 MiB window at a time through the executable's mapping: a
 * 60 MB executable is never on the heap, and the time is one sequential pass over its constant data.
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
    /** Below this a part is not worth a thread of its own. */
    static final long MIN_PART_BYTES = 4L * WINDOW;

    private ReadOnlyStrings() {
    }

    /** The needles that occur; a needle of {@link Needle#bounded} kind must not be part of a longer path. */
    static Set<Needle> find(FileBytes file, ElfFile elf, List<Needle> needles) {
        return find(file, ranges(elf, file.size()), needles);
    }

    /**
     * The needles that occur in the given {offset, length} ranges of the file. Large ranges are
     * cut into one part per core, scanned at once: the scan is the check goal's largest cost.
     */
    static Set<Needle> find(FileBytes file, List<long[]> ranges, List<Needle> needles) {
        int overlap = needles.stream().mapToInt(needle -> needle.text().length()).max().orElse(0) + 1;
        List<Part> parts = parts(ranges, overlap, Runtime.getRuntime().availableProcessors());
        Set<Needle> found = ConcurrentHashMap.newKeySet();
        parts.parallelStream().forEach(part -> scan(file, part, overlap, needles, found));
        Set<Needle> ordered = new LinkedHashSet<>();
        needles.stream().filter(found::contains).forEach(ordered::add);
        return ordered;
    }

    /**
     * The bytes {@code [from, to)} of the file; when {@code contextBefore}, the first of them only
     * shows what precedes the part, and no match may start there. {@code endIsBoundary}: the
     * data ends at {@code to}, so a path may end there.
     */
    record Part(long from, long to, boolean contextBefore, boolean endIsBoundary) {
    }

    /**
     * The ranges within {@link #MAX_SCANNED_BYTES}, cut into about {@code count} parts of at
     * least {@link #MIN_PART_BYTES}. A part reaches {@code overlap} bytes into the next, so a
     * match that starts in it is seen whole with the byte after it, and starts one byte early,
     * so a match at its start is judged with the byte before it.
     */
    static List<Part> parts(List<long[]> ranges, int overlap, int count) {
        List<long[]> budgeted = new ArrayList<>();
        long total = 0;
        for (long[] range : ranges) {
            long length = Math.min(range[1], MAX_SCANNED_BYTES - total);
            if (length <= 0) {
                break;
            }
            budgeted.add(new long[] {range[0], length});
            total += length;
        }
        long partSize = Math.max(MIN_PART_BYTES, (total + count - 1) / Math.max(1, count));
        List<Part> parts = new ArrayList<>();
        for (long[] range : budgeted) {
            long end = range[0] + range[1];
            for (long start = range[0]; start < end; start += partSize) {
                long to = Math.min(end, start + partSize + overlap);
                boolean first = start == range[0];
                parts.add(new Part(first ? start : start - 1, to, !first, to == end));
            }
        }
        return parts;
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
     * Looks for every needle still missing in one window of the part at a time. A needle is all
     * printable, so any occurrence lies inside a printable run, as {@code strings} would print
     * it; searching the raw bytes with {@link String#indexOf} (a vectorised intrinsic on Latin-1
     * strings) finds the same occurrences several times faster than walking the runs. Each
     * window starts with the last {@code overlap} bytes of the one before (the longest needle and
     * one), so an occurrence across a window edge is still seen; a match may not start at a
     * window's first byte when that byte only shows what came before.
     */
    private static void scan(FileBytes file, Part part, int overlap, List<Needle> needles, Set<Needle> found) {
        byte[] window = new byte[WINDOW + overlap];
        long position = part.from();
        int carried = 0;
        int firstStart = part.contextBefore() ? 1 : 0;
        while (position < part.to() && found.size() < needles.size()) {
            int n = (int) Math.min(WINDOW, part.to() - position);
            file.slice(position, n).get(window, carried, n);
            position += n;
            int filled = carried + n;
            // ISO-8859-1 keeps one char per byte, so indexes in the text are offsets in the window.
            String text = new String(window, 0, filled, StandardCharsets.ISO_8859_1);
            findIn(text, firstStart, part.endIsBoundary() && position >= part.to(), needles, found);
            carried = Math.min(overlap, filled);
            System.arraycopy(window, filled - carried, window, 0, carried);
            // A match at the carried bytes' first byte was judged in this window, with the byte before it.
            firstStart = 1;
        }
    }

    /**
     * One pass per distinct first character rather than one per needle: most needles are paths
     * starting with {@code /}, and a single-character {@link String#indexOf} is the fastest
     * search the JDK has.
     */
    private static void findIn(String text, int firstStart, boolean endIsBoundary, List<Needle> needles,
            Set<Needle> found) {
        Map<Character, List<Needle>> byFirst = new LinkedHashMap<>();
        for (Needle needle : needles) {
            if (!found.contains(needle)) {
                byFirst.computeIfAbsent(needle.text().charAt(0), c -> new ArrayList<>()).add(needle);
            }
        }
        for (Map.Entry<Character, List<Needle>> group : byFirst.entrySet()) {
            List<Needle> missing = new ArrayList<>(group.getValue());
            for (int at = text.indexOf(group.getKey(), firstStart); at >= 0 && !missing.isEmpty();
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
