package io.github.scratchimage.image.content;

/**
 * How much one rootfs archive may hold when extracted, so a decompression bomb (a few kilobytes of
 * gzip, xz or zip that expand to terabytes, or to millions of empty entries) fails the build
 * instead of filling the disk or the heap. Set with {@code <archiveMaxSize>} and
 * {@code <archiveMaxEntries>}, which the refusal names.
 *
 * @param maxBytes   the extracted file contents, summed over the archive's entries
 * @param maxEntries the archive's entries of every type
 */
public record ExtractionLimits(long maxBytes, long maxEntries) {
    /**
     * Far beyond any rootfs a scratch image carries (a whole Debian with its documentation is
     * about 1 GiB and 60,000 entries), yet well short of what a bomb expands to.
     */
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(8L << 30, 1_000_000);
    /** {@link #DEFAULT} as the parameters write it. */
    public static final String DEFAULT_MAX_SIZE = "8G";
    public static final String DEFAULT_MAX_ENTRIES = "1000000";

    public ExtractionLimits {
        if (maxBytes < 0 || maxEntries < 0) {
            throw new IllegalArgumentException("extraction limits must be 0 or more: " + maxBytes + " bytes, "
                    + maxEntries + " entries");
        }
    }
}
