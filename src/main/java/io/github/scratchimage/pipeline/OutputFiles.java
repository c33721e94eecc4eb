package io.github.scratchimage.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * The files a build leaves for people and pipelines: {@code scratch-check.json}, and for image
 * goals the digest, the image ID, {@code scratch-image.json} and the CycloneDX SBOM.
 */
public record OutputFiles(Path checkReport, Path digest, Path imageId, Path imageJson, Path sbom) {
    public static final String CHECK_REPORT = "scratch-check.json";
    public static final String DIGEST = "scratch-image.digest";
    public static final String IMAGE_ID = "scratch-image.id";
    public static final String IMAGE_JSON = "scratch-image.json";
    public static final String SBOM = "scratch-image.cdx.json";

    /** The SBOM beside the digest, by its default name. */
    public OutputFiles(Path checkReport, Path digest, Path imageId, Path imageJson) {
        this(checkReport, digest, imageId, imageJson, digest.resolveSibling(SBOM));
    }

    /** Every file under {@code buildDirectory} by its default name. */
    public static OutputFiles in(Path buildDirectory) {
        return new OutputFiles(buildDirectory.resolve(CHECK_REPORT), buildDirectory.resolve(DIGEST),
                buildDirectory.resolve(IMAGE_ID), buildDirectory.resolve(IMAGE_JSON), buildDirectory.resolve(SBOM));
    }

    /** What an image goal writes after the push; deleted first, so a failed build leaves none of them. */
    List<Path> imageOutputs() {
        return List.of(digest, imageId, imageJson, sbom);
    }
}
