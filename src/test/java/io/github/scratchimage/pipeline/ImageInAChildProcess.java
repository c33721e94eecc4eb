package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one image tar with its SBOM from an executable, in a JVM of its own, so a test can watch
 * the whole process (under strace). Arguments: the executable and a work directory, whose
 * {@code cache} survives from one run to the next.
 */
public final class ImageInAChildProcess {
    private static final Instant CREATED = Instant.parse("2026-02-03T04:05:06Z");

    private ImageInAChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path executable = Path.of(args[0]);
        Path work = Path.of(args[1]);
        CheckRequest check = new CheckRequest(
                new ExecutableLocator.Search(Optional.of(executable), Optional.empty(), work, "app", "app-1"),
                LinkagePolicy.STATIC, Path.of("/"), List.of(), List.of(),
                Essentials.settings("false", List.of(), "false", "false", "false"), false, "/app");
        ContainerSettings container = new ContainerSettings(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                "65532:65532", List.of(), Map.of(), ImageFormat.OCI, CREATED, CREATED, Optional.empty());
        ImageRequest request = new ImageRequest(check, container,
                new ContentSources(List.of(), List.of(), List.of(), false),
                new TarTarget(work.resolve("image.tar"), "app:1"), work.resolve("cache"), LayerCompression.gzip(1),
                BlobStoreCap.DEFAULT_CAP_BYTES, work.resolve("target/scratch-generated"),
                OutputFiles.in(work.resolve("target")), ImageRequest.Sbom.FILE);
        System.out.println(new Pipeline((level, message) -> { }).image(request).digest());
    }
}
