package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <executables>}: grouping by platform and its refusals, and the index they build. */
class PlatformImagesTest {
    @TempDir
    Path work;

    private final List<String> log = new ArrayList<>();
    private final BuildListener listener = (level, message) -> log.add(level + " " + message);

    @Test
    void eachExecutableGivesItsPlatformAndItsPlatformsSysroot() throws Exception {
        Path amd64 = copy(Toolchain.GCC_STATIC, "amd64/app");
        Path arm64 = copy(Toolchain.AARCH64_STATIC, "arm64/app");
        Path arm = copy(Toolchain.ARMHF_STATIC, "arm/app");

        List<PlatformExecutables.Member> members = PlatformExecutables.of(check(List.of(arm64, amd64, arm),
                Map.of("arm64", Path.of("/usr/aarch64-linux-gnu"))));

        assertThat(members).extracting(m -> m.platform().toString())
                .containsExactly("linux/arm64", "linux/amd64", "linux/arm/v7");
        assertThat(members).extracting(m -> m.check().sysroot())
                .containsExactly(Path.of("/usr/aarch64-linux-gnu"), Path.of("/"), Path.of("/"));
        assertThat(members).extracting(m -> m.check().executable().configured().orElseThrow())
                .containsExactly(arm64, amd64, arm);
        assertThat(members).allMatch(m -> m.check().executables().isEmpty());
    }

    @Test
    void twoExecutablesOfOnePlatformAreRefusedByName() throws Exception {
        Path one = copy(Toolchain.GCC_STATIC, "one/app");
        Path two = copy(Toolchain.GCC_STATIC_PIE, "two/app");

        InvalidInputException refused = catchThrowableOfType(() -> PlatformExecutables.of(check(List.of(one, two),
                Map.of())), InvalidInputException.class);

        assertThat(refused).hasMessage("<executables> (scratch.executables) has two executables for linux/amd64: "
                + one + " and " + two + ", and an index holds one image per platform: keep one of them, or build the"
                + " other for another platform");
    }

    @Test
    void differentFileNamesAreRefusedWithTheFix() throws Exception {
        Path amd64 = copy(Toolchain.GCC_STATIC, "out/app");
        Path arm64 = copy(Toolchain.AARCH64_STATIC, "out/app-arm64");

        InvalidInputException refused = catchThrowableOfType(() -> PlatformExecutables.of(check(List.of(amd64, arm64),
                Map.of())), InvalidInputException.class);

        assertThat(refused).hasMessage("<executables> (scratch.executables) names " + amd64 + " (linux/amd64) and "
                + arm64 + " (linux/arm64), whose file names differ, but each image runs the one <container>"
                + " entrypoint, so the executable has one path in every image, /app/<file name>: give them one file"
                + " name, each in a directory of its own, such as " + work.resolve("amd64/app") + " and "
                + work.resolve("arm64/app"));
    }

    @Test
    void executableAndExecutablesTogetherAreRefused() {
        InvalidInputException refused = catchThrowableOfType(() -> CheckRequest.executables(
                Optional.of(Path.of("target/app")), List.of(Path.of("a/app"), Path.of("b/app"))),
                InvalidInputException.class);

        assertThat(refused).hasMessage("<executable> (scratch.executable) and <executables> (scratch.executables)"
                + " are both set (target/app; [a/app, b/app]): use <executable> for one image, or list every"
                + " executable in <executables> for one image per platform and remove <executable>");
    }

    @Test
    void aSysrootForAnArchitectureNoExecutableHasIsRefused() throws Exception {
        Path amd64 = copy(Toolchain.GCC_STATIC, "amd64/app");

        InvalidInputException refused = catchThrowableOfType(() -> PlatformExecutables.of(check(List.of(amd64),
                Map.of("aarch64", Path.of("/usr/aarch64-linux-gnu")))), InvalidInputException.class);

        assertThat(refused).hasMessageStartingWith("<sysroots> entry <aarch64> names an architecture no executable"
                + " in <executables> (scratch.executables) is built for (they are amd64)");
    }

    @Test
    void theSameExecutablesInAnyOrderGiveTheSameIndexAndTheTarNamesIt() throws Exception {
        Path amd64 = copy(Toolchain.GCC_STATIC, "amd64/app");
        Path arm64 = copy(Toolchain.AARCH64_STATIC, "arm64/app");

        Pipeline.Delivered first = new Pipeline(listener).images(request(List.of(amd64, arm64), "first",
                ImageFormat.OCI));
        Pipeline.Delivered again = new Pipeline(listener).images(request(List.of(arm64, amd64), "again",
                ImageFormat.OCI));

        assertThat(again.digest()).isEqualTo(first.digest());
        Map<String, byte[]> tar = entries(work.resolve("first.tar"));
        JsonNode layout = new ObjectMapper().readTree(tar.get("index.json"));
        assertThat(layout.path("manifests").get(0).path("digest").asText()).isEqualTo(first.digest());
        JsonNode index = new ObjectMapper().readTree(tar.get("blobs/sha256/" + first.digest().substring(7)));
        assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(index.path("manifests").findValuesAsText("architecture")).containsExactly("amd64", "arm64");
        for (JsonNode manifest : index.path("manifests")) {
            assertThat(tar).containsKey("blobs/sha256/" + manifest.path("digest").asText().substring(7));
        }
        assertThat(Files.readString(work.resolve("again/scratch-image.digest"))).isEqualTo(first.digest());
        JsonNode check = new ObjectMapper().readTree(work.resolve("again/scratch-check.json").toFile());
        assertThat(check.path("platforms").findValuesAsText("platform")).containsExactly("linux/arm64", "linux/amd64");
        assertThat(work.resolve("again/scratch-image.linux-arm64.cdx.json")).exists();
        assertThat(log).anyMatch(line -> line.equals("LIFECYCLE Wrote " + work.resolve("again.tar") + ": app:1@"
                + first.digest() + " (index of linux/amd64, linux/arm64)"));
    }

    @Test
    void theCheckGoalChecksAndReportsEveryExecutable() throws Exception {
        Path amd64 = copy(Toolchain.GCC_STATIC, "amd64/app");
        Path arm64 = copy(Toolchain.AARCH64_DYNAMIC, "arm64/app");
        Path report = work.resolve("scratch-check.json");

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).check(
                check(List.of(amd64, arm64), Map.of()), report), InvalidInputException.class);

        assertThat(refused).as("the dynamic arm64 executable fails linkage=static").isNotNull()
                .hasMessageContaining("is dynamically linked");
        JsonNode written = new ObjectMapper().readTree(report.toFile());
        assertThat(written.path("passed").asBoolean()).isFalse();
        assertThat(written.path("platforms").get(0).path("platform").asText()).isEqualTo("linux/amd64");
        assertThat(written.path("platforms").get(1).path("platform").asText()).isEqualTo("linux/arm64");
        assertThat(written.path("platforms").get(0).path("passed").asBoolean()).isTrue();
        assertThat(written.path("platforms").get(1).path("passed").asBoolean()).isFalse();
    }

    @Test
    void aDockerFormatTarOfSeveralPlatformsIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path amd64 = copy(Toolchain.GCC_STATIC, "amd64/app");
        Path arm64 = copy(Toolchain.AARCH64_STATIC, "arm64/app");

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).images(
                request(List.of(amd64, arm64), "docker", ImageFormat.DOCKER)), InvalidInputException.class);

        assertThat(refused).hasMessageContaining("<container><format>Docker</format> (scratch.container.format)"
                + " cannot hold several platforms in one tar").hasMessageContaining("use <format>OCI</format>");
        assertThat(work.resolve("docker.tar")).doesNotExist();
        assertThat(work.resolve("docker/scratch-check.json")).doesNotExist();
    }

    private Path copy(Toolchain toolchain, String to) throws Exception {
        Path target = work.resolve(to);
        Files.createDirectories(target.getParent());
        return Files.copy(TestExecutables.hello(toolchain), target);
    }

    private CheckRequest check(List<Path> executables, Map<String, Path> sysroots) throws Exception {
        return new CheckRequest(new ExecutableLocator.Search(Optional.empty(), Optional.empty(), work, "app", "app-1"),
                LinkagePolicy.STATIC, Path.of("/"), List.of(), List.of(),
                Essentials.settings("false", List.of(), "false", "false", "false"), false, "/app")
                .forPlatforms(executables, sysroots);
    }

    private ImageRequest request(List<Path> executables, String name, ImageFormat format) throws Exception {
        ContainerSettings container = new ContainerSettings(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                "65532:65532", List.of(), Map.of(), format, Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                Optional.empty());
        return new ImageRequest(check(executables, Map.of()), container,
                new ContentSources(List.of(), List.of(), List.of(), false),
                new TarTarget(work.resolve(name + ".tar"), "app:1"), work.resolve(name + "-cache"),
                LayerCompression.gzip(6), BlobStoreCap.DEFAULT_CAP_BYTES, work.resolve(name + "/scratch-generated"),
                OutputFiles.in(work.resolve(name)));
    }

    private static Map<String, byte[]> entries(Path tar) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream archive = new TarArchiveInputStream(in,
                StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = archive.getNextTarEntry()) != null) {
                entries.put(entry.getName(), archive.readAllBytes());
            }
        }
        return entries;
    }
}
