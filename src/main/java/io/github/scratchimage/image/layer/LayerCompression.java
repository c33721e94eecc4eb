package io.github.scratchimage.image.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * How a layer's tar is compressed: gzip or zstd, at a level. Everything that decides the
 * compressed bytes is in {@link #cacheKey()}, so a stored blob is reused only where compressing
 * again would give the same bytes.
 *
 * @param algorithm gzip or zstd
 * @param level     gzip 0-9, zstd 1-19 (zstd's levels above 19 need far more memory per worker)
 */
public record LayerCompression(Algorithm algorithm, int level) {
    /** The two layer compressions the OCI image spec names. */
    public enum Algorithm {
        GZIP("gzip", 0, 9, 6, "application/vnd.oci.image.layer.v1.tar+gzip"),
        ZSTD("zstd", 1, 19, 3, "application/vnd.oci.image.layer.v1.tar+zstd");

        private final String configName;
        private final int minLevel;
        private final int maxLevel;
        private final int defaultLevel;
        private final String mediaType;

        Algorithm(String configName, int minLevel, int maxLevel, int defaultLevel, String mediaType) {
            this.configName = configName;
            this.minLevel = minLevel;
            this.maxLevel = maxLevel;
            this.defaultLevel = defaultLevel;
            this.mediaType = mediaType;
        }

        /** As written in {@code <compression>}: {@code gzip} or {@code zstd}. */
        public String configName() {
            return configName;
        }

        public int defaultLevel() {
            return defaultLevel;
        }
    }

    public LayerCompression {
        if (algorithm == null) {
            throw new IllegalArgumentException("no layer compression given: use gzip or zstd");
        }
        if (level < algorithm.minLevel || level > algorithm.maxLevel) {
            throw new IllegalArgumentException(algorithm.configName + " compression level " + level
                    + " is out of range: use " + algorithm.minLevel + "-" + algorithm.maxLevel
                    + " (default " + algorithm.defaultLevel + ")");
        }
    }

    public static LayerCompression gzip(int level) {
        return new LayerCompression(Algorithm.GZIP, level);
    }

    public static LayerCompression zstd(int level) {
        return new LayerCompression(Algorithm.ZSTD, level);
    }

    /**
     * From the build configuration: {@code name} is {@code gzip} or {@code zstd} (any case);
     * a null {@code level} takes the algorithm's default (gzip 6, zstd 3).
     */
    public static LayerCompression of(String name, Integer level) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm.configName.equals(wanted)) {
                return new LayerCompression(algorithm, level == null ? algorithm.defaultLevel : level);
            }
        }
        throw new IllegalArgumentException("unknown layer compression '" + name + "': use gzip or zstd");
    }

    /** The layer descriptor's media type in an OCI manifest. */
    public String mediaType() {
        return algorithm.mediaType;
    }

    /**
     * One line naming every setting the compressed bytes depend on: algorithm, level, the block
     * size the parallel compressor cuts the input into and, for zstd, the library version (a new
     * libzstd may find other matches in the same input).
     */
    public String cacheKey() {
        return switch (algorithm) {
            case GZIP -> "gzip level " + level + " chunk " + ParallelGzipOutputStream.CHUNK_SIZE;
            case ZSTD -> "zstd level " + level + " job " + ZstdLayerOutputStream.JOB_SIZE
                    + " checksum zstd-jni " + ZstdNative.libraryVersion();
        };
    }

    /**
     * Fails now, with the fix in the message, if this compression cannot run on this machine: zstd
     * needs a native library that zstd-jni unpacks into a temporary directory first.
     */
    public void checkAvailable() throws ZstdUnavailableException {
        if (algorithm == Algorithm.ZSTD) {
            ZstdNative.load();
        }
    }

    /**
     * A stream that compresses into {@code out}. Closing it finishes the compressed stream but
     * leaves {@code out} open; {@code flush()} does not end a block early, so the bytes depend
     * only on what is written, never on how it is split into writes or on {@code workers}.
     *
     * @param executor runs gzip's chunk compressions (zstd runs libzstd's own threads); not shut
     *                 down by the stream
     * @param workers  how many threads may compress at once; any count from 1 gives the same bytes
     */
    public OutputStream compress(OutputStream out, ExecutorService executor, int workers) throws IOException {
        return switch (algorithm) {
            case GZIP -> new ParallelGzipOutputStream(out, level, executor, workers);
            case ZSTD -> new ZstdLayerOutputStream(out, level, workers);
        };
    }

    @Override
    public String toString() {
        return algorithm.configName + " level " + level;
    }
}
