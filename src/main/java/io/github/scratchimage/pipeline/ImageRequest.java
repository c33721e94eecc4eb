package io.github.scratchimage.pipeline;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.image.content.ExtractionLimits;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.parameters.PropertyNames;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything an image goal needs, validated when it is made: the check, the container settings,
 * the user's content, where the image goes, how layers are compressed and cached, where generated
 * files are staged ({@code workDirectory}), which files the build leaves, and what becomes of
 * the SBOM ({@code sbom}).
 *
 * @param cacheMaxBytes the size the layer cache is brought under after each build
 */
public record ImageRequest(
        CheckRequest check,
        ContainerSettings container,
        ContentSources content,
        Target target,
        Path cacheDirectory,
        LayerCompression compression,
        long cacheMaxBytes,
        Path workDirectory,
        OutputFiles outputs,
        Sbom sbom) {

    /** What becomes of the image's SBOM. */
    public enum Sbom {
        /** Not written. */
        OFF,
        /** Written to {@link OutputFiles#sbom()}. */
        FILE,
        /** Written, and attached to an image pushed to a registry as an OCI referrer. */
        ATTACHED
    }

    /** {@code <cacheMaxSize>}'s default as the POM spells it: {@code BlobStoreCap.DEFAULT_CAP_BYTES}, 4 GiB. */
    public static final String DEFAULT_CACHE_MAX_SIZE = "4G";
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(?:([KMGT])(?:I?B)?|B)?");

    public ImageRequest {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(outputs, "outputs");
        if (cacheMaxBytes < 0) {
            throw new IllegalArgumentException("cacheMaxBytes " + cacheMaxBytes);
        }
        Objects.requireNonNull(sbom, "sbom");
    }

    /** A request that writes the SBOM, as {@code <sbom>} does by default. */
    public ImageRequest(CheckRequest check, ContainerSettings container, ContentSources content, Target target,
            Path cacheDirectory, LayerCompression compression, long cacheMaxBytes, Path workDirectory,
            OutputFiles outputs) {
        this(check, container, content, target, cacheDirectory, compression, cacheMaxBytes, workDirectory, outputs,
                Sbom.FILE);
    }

    /**
     * {@code <compression>} and {@code <compressionLevel>} (null: the algorithm's default), and
     * whether the image they are for can hold such layers: Docker manifests and the
     * docker-archive tars {@code docker load} reads name gzip layers only.
     */
    public static LayerCompression compression(String name, Integer level, ImageFormat format, Target target)
            throws InvalidInputException {
        String wanted = name == null ? "gzip" : name.trim().toLowerCase(Locale.ROOT);
        LayerCompression.Algorithm algorithm = null;
        for (LayerCompression.Algorithm candidate : LayerCompression.Algorithm.values()) {
            if (candidate.configName().equals(wanted)) {
                algorithm = candidate;
            }
        }
        if (algorithm == null) {
            throw new InvalidInputException("<compression> (" + PropertyNames.COMPRESSION + ") is '" + name
                    + "': use gzip (the default) or zstd");
        }
        LayerCompression compression;
        try {
            compression = LayerCompression.of(wanted, level);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("<compressionLevel> (" + PropertyNames.COMPRESSION_LEVEL + ") is "
                    + level + ", out of range for " + algorithm.configName() + ": use "
                    + (algorithm == LayerCompression.Algorithm.GZIP ? "0 (store) to 9 (smallest)"
                            : "1 (fastest) to 19 (smallest)")
                    + ", or leave it out for " + algorithm.defaultLevel(), e);
        }
        if (algorithm != LayerCompression.Algorithm.GZIP) {
            String chosen = "<compression>" + algorithm.configName() + "</compression> (" + PropertyNames.COMPRESSION
                    + ")";
            if (target instanceof DockerClientTarget) {
                throw new InvalidInputException("scratch:dockerBuild hands the image to docker load as a"
                        + " docker-archive, whose layers are gzip only, so it cannot take " + chosen
                        + ": use <compression>gzip</compression> for dockerBuild, or scratch:build or"
                        + " scratch:buildTar for a " + algorithm.configName() + " image in the OCI format");
            }
            if (format == ImageFormat.DOCKER) {
                throw new InvalidInputException(chosen + " needs the OCI image format, but <container><format> ("
                        + PropertyNames.CONTAINER_FORMAT + ") is Docker, whose manifests name gzip layers only:"
                        + " use <format>OCI</format> (the default), or <compression>gzip</compression>");
            }
        }
        return compression;
    }

    /**
     * {@code <cacheMaxSize>}: bytes, or a whole number with {@code K}, {@code M}, {@code G} or
     * {@code T} (binary multiples; {@code KiB}, {@code MB} and the like are read the same way).
     */
    public static long cacheMaxBytes(String value) throws InvalidInputException {
        OptionalLong bytes = size(value == null ? DEFAULT_CACHE_MAX_SIZE : value);
        if (bytes.isPresent()) {
            return bytes.getAsLong();
        }
        throw new InvalidInputException("<cacheMaxSize> (" + PropertyNames.CACHE_MAX_SIZE + ") is '" + value
                + "': give a size in bytes, or a whole number with K, M, G or T (binary: 4G is 4 GiB),"
                + " such as " + DEFAULT_CACHE_MAX_SIZE + " (the default) or 500M; 0 keeps only what builds"
                + " running now use");
    }

    /**
     * {@code <archiveMaxSize>} (a size, as {@link #cacheMaxBytes} reads it) and
     * {@code <archiveMaxEntries>} (a whole number, 1 or more): how far one rootfs archive may
     * extract; null is the default.
     */
    public static ExtractionLimits archiveLimits(String maxSize, String maxEntries) throws InvalidInputException {
        OptionalLong bytes = size(maxSize == null ? ExtractionLimits.DEFAULT_MAX_SIZE : maxSize);
        if (bytes.isEmpty()) {
            throw new InvalidInputException("<archiveMaxSize> (" + PropertyNames.ARCHIVE_MAX_SIZE + ") is '" + maxSize
                    + "': give the most one rootfs archive may extract to, in bytes or a whole number with K, M, G"
                    + " or T (binary: 8G is 8 GiB), such as " + ExtractionLimits.DEFAULT_MAX_SIZE + " (the default)");
        }
        String entries = maxEntries == null ? ExtractionLimits.DEFAULT_MAX_ENTRIES : maxEntries.trim();
        long count = entries.matches("\\d{1,18}") ? Long.parseLong(entries) : 0;
        if (count < 1) {
            throw new InvalidInputException("<archiveMaxEntries> (" + PropertyNames.ARCHIVE_MAX_ENTRIES + ") is '"
                    + maxEntries + "': give the most entries one rootfs archive may hold, a whole number of 1 or"
                    + " more, such as " + ExtractionLimits.DEFAULT_MAX_ENTRIES + " (the default)");
        }
        return new ExtractionLimits(bytes.getAsLong(), count);
    }

    /** Bytes, or a whole number with a binary unit; empty when the text is neither or past a long. */
    private static OptionalLong size(String value) {
        Matcher matcher = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (matcher.matches()) {
            try {
                long number = Long.parseLong(matcher.group(1));
                int shift = matcher.group(2) == null ? 0 : 10 * ("KMGT".indexOf(matcher.group(2)) + 1);
                if (number <= Long.MAX_VALUE >> shift) {
                    return OptionalLong.of(number << shift);
                }
            } catch (NumberFormatException e) {
                // too many digits for a long
            }
        }
        return OptionalLong.empty();
    }
}
