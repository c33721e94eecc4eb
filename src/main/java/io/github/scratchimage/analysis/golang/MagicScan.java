package io.github.scratchimage.analysis.golang;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds Go's tables by their magic bytes where no section header names them (an {@code sstrip}ped
 * file, or an externally linked PIE whose linker merged {@code .gopclntab} into
 * {@code .data.rel.ro}). A match is only a candidate: the caller checks the header behind it.
 */
final class MagicScan {
    private static final int WINDOW = 1024 * 1024;
    /** A file full of magic bytes must not cost one header read per byte. */
    static final int MAX_CANDIDATES = 4096;

    /** Checks the candidate at {@code offset} in the range ending at {@code end}. */
    interface Check {
        boolean accept(long offset, long end) throws IOException;
    }

    private MagicScan() {
    }

    /** The first offset, in range order, where one of the patterns starts and the check accepts. */
    static OptionalLong find(GoFile file, List<long[]> ranges, List<byte[]> patterns, Check check) throws IOException {
        int overlap = patterns.stream().mapToInt(p -> p.length).max().orElse(1) - 1;
        List<String> needles = patterns.stream().map(p -> new String(p, StandardCharsets.ISO_8859_1)).toList();
        long scanned = 0;
        int candidates = 0;
        for (long[] range : ranges) {
            for (long position = range[0]; position < range[1] && scanned < GoFile.MAX_SCANNED_BYTES;
                    position += WINDOW) {
                int length = (int) Math.min(WINDOW + (long) overlap, range[1] - position);
                ByteBuffer window = file.readUpTo(position, length);
                scanned += Math.min(WINDOW, window.remaining());
                byte[] bytes = new byte[window.remaining()];
                window.get(bytes);
                // ISO-8859-1 keeps one char per byte, so String.indexOf (an intrinsic) finds byte patterns.
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                int startsBelow = Math.min(WINDOW, text.length());
                List<Integer> matches = new ArrayList<>();
                for (String needle : needles) {
                    for (int at = text.indexOf(needle); at >= 0 && at < startsBelow && matches.size() <= MAX_CANDIDATES;
                            at = text.indexOf(needle, at + 1)) {
                        matches.add(at);
                    }
                }
                matches.sort(null);
                for (int at : matches) {
                    if (++candidates > MAX_CANDIDATES) {
                        return OptionalLong.empty();
                    }
                    if (check.accept(position + at, range[1])) {
                        return OptionalLong.of(position + at);
                    }
                }
                if (bytes.length < length) {
                    break; // the file ended inside the range
                }
            }
        }
        return OptionalLong.empty();
    }
}
