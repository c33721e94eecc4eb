package io.github.scratchimage.pipeline;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.parameters.PropertyNames;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything an image goal needs, validated when it is made: the check, the container settings,
 * the user's content, where the image goes, how layers are compressed and cached, where generated
 * files are staged ({@code workDirectory}), which files the build leaves, and what becomes of
 * the SBOM ({@code sbom}).
 */
public record ImageRequest(
        CheckRequest check,
        ContainerSettings container,
        ContentSources content,
        Target target,
        Path cacheDirectory,
        int compressionLevel,
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

    /** gzip's own default: the image is then about the size of {@code gzip -6} of its files. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;

    public ImageRequest {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(sbom, "sbom");
    }

    /** A request that writes the SBOM, as {@code <sbom>} does by default. */
    public ImageRequest(CheckRequest check, ContainerSettings container, ContentSources content, Target target,
            Path cacheDirectory, int compressionLevel, Path workDirectory, OutputFiles outputs) {
        this(check, container, content, target, cacheDirectory, compressionLevel, workDirectory, outputs, Sbom.FILE);
    }

    /** {@code <compressionLevel>}: 0 (store) to 9 (smallest). */
    public static int compressionLevel(int level) throws InvalidInputException {
        if (level < 0 || level > 9) {
            throw new InvalidInputException("<compressionLevel> (" + PropertyNames.COMPRESSION_LEVEL + ") is " + level
                    + ": use 0 (store) to 9 (smallest), or leave it at " + DEFAULT_COMPRESSION_LEVEL);
        }
        return level;
    }
}
