package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImageLayer;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.content.ExtraDirectories;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core entry point end to end, with a real executable and a tar target: no Maven, no registry. */
class PipelineTest {
    @TempDir
    Path work;

    private final List<String> log = new ArrayList<>();
    private final BuildListener listener = (level, message) -> log.add(level + " " + message);

    @Test
    void aTrailingSlashAppRootStillRefusesAUserFileAtTheExecutablesPath() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);
        Path extra = work.resolve("extra");
        Files.createDirectories(extra.resolve("opt/bin"));
        Files.writeString(extra.resolve("opt/bin").resolve(hello.getFileName().toString()), "#!/bin/sh\n");

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).image(request(hello,
                "/opt/bin/", List.of(ExtraDirectories.Source.of(extra)))), InvalidInputException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("<extraDirectories>")
                .contains("would replace /opt/bin/" + hello.getFileName());
    }

    @Test
    void anImageGoalWritesEachOutputOnceAndEndsWithTheSummaryLine() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);

        ImageResult result = new Pipeline(listener).image(request(hello, "/app", List.of()));

        OutputFiles outputs = OutputFiles.in(work.resolve("target"));
        assertThat(Files.readString(outputs.digest())).isEqualTo(result.digest());
        assertThat(Files.readString(outputs.imageId())).isEqualTo(result.imageId());
        assertThat(Files.readString(outputs.imageJson())).contains("\"digest\": \"" + result.digest() + "\"");
        assertThat(Files.readString(outputs.checkReport())).contains("\"passed\": true");
        assertThat(log).last().asString().startsWith("LIFECYCLE Wrote " + work.resolve("image.tar") + ": app:1@"
                + result.digest());
        try (var files = Files.list(work.resolve("target"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial file is left behind")
                    .noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void layersGoFromLeastToMostOftenChangedWithTheExecutableOnTop() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);
        Path extra = Files.createDirectories(work.resolve("extra/etc/app"));
        Files.writeString(extra.resolve("app.conf"), "port 8080\n");
        ImageRequest plain = request(hello, "/app", List.of(ExtraDirectories.Source.of(work.resolve("extra"))));
        CheckRequest withEssentials = new CheckRequest(plain.check().executable(), LinkagePolicy.STATIC, Path.of("/"),
                List.of(), List.of(), Essentials.settings("false", List.of(), "false", "true", "true"), false, "/app");
        ImageRequest request = new ImageRequest(withEssentials, plain.container(), plain.content(), plain.target(),
                plain.cacheDirectory(), plain.compression(), plain.cacheMaxBytes(), plain.workDirectory(),
                plain.outputs());

        ImageResult result = new Pipeline(listener).image(request);

        // essentials change least, the user's directories more, the executable with every build
        assertThat(result.layers()).extracting(ImageLayer::name)
                .containsExactly("users", "tmp", "extra-directories", "executable");
    }

    @Test
    void everyTagIsInTheSummaryLineAndInTheImageReport() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);
        ImageRequest plain = request(hello, "/app", List.of());
        ImageRequest tagged = new ImageRequest(plain.check(), plain.container(), plain.content(),
                new TarTarget(work.resolve("image.tar"), "app:1", List.of("latest", "stable")),
                plain.cacheDirectory(), plain.compression(), plain.cacheMaxBytes(), plain.workDirectory(),
                plain.outputs());

        ImageResult result = new Pipeline(listener).image(tagged);

        assertThat(log).last().asString().startsWith("LIFECYCLE Wrote " + work.resolve("image.tar") + ": app:1@"
                + result.digest() + " tagged 1, latest, stable (");
        String json = Files.readString(plain.outputs().imageJson()).replaceAll("\\s+", "");
        assertThat(json).contains("\"tags\":[\"1\",\"latest\",\"stable\"]");
    }

    @Test
    void theImageReportCarriesJibImageJsonsFieldsForPipelinesWrittenForJib() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);

        ImageResult result = new Pipeline(listener).image(request(hello, "/app", List.of()));

        JsonNode json = new ObjectMapper().readTree(OutputFiles.in(work.resolve("target")).imageJson().toFile());
        // jib-image.json: image, imageId, imageDigest, tags, imagePushed
        assertThat(json.get("image").asText()).isEqualTo("app:1");
        assertThat(json.get("imageId").asText()).isEqualTo(result.imageId());
        assertThat(json.get("imageDigest").asText()).isEqualTo(result.digest());
        assertThat(json.get("digest").asText()).isEqualTo(result.digest());
        assertThat(json.get("tags")).extracting(JsonNode::asText).containsExactly("1");
        assertThat(json.get("imagePushed").isBoolean()).isTrue();
        assertThat(json.get("imagePushed").asBoolean()).as("a tar is not pushed").isFalse();
        assertThat(json.get("target").asText()).isEqualTo("tar");
    }

    private ImageRequest request(Path executable, String appRoot, List<ExtraDirectories.Source> extra)
            throws Exception {
        CheckRequest check = new CheckRequest(
                new ExecutableLocator.Search(Optional.of(executable), Optional.empty(), work, "app", "app-1"),
                LinkagePolicy.STATIC, Path.of("/"), List.of(), List.of(),
                Essentials.settings("false", List.of(), "false", "false", "false"), false, CheckRequest.appRoot(appRoot));
        ContainerSettings container = new ContainerSettings(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                "65532:65532", List.of(), Map.of(), ImageFormat.OCI, Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                Optional.empty());
        return new ImageRequest(check, container, new ContentSources(List.of(), extra, List.of(), false),
                new TarTarget(work.resolve("image.tar"), "app:1"), work.resolve("cache"),
                LayerCompression.gzip(6), BlobStoreCap.DEFAULT_CAP_BYTES, work.resolve("target/scratch-generated"),
                OutputFiles.in(work.resolve("target")));
    }
}
