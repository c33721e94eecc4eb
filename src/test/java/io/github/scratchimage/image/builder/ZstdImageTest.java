package io.github.scratchimage.image.builder;

import static io.github.scratchimage.testing.ContainerTools.skopeo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.testing.ItImages;
import io.github.scratchimage.testing.LocalRegistry;
import io.github.scratchimage.testing.OciArchive;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zstd layers end to end: the manifest names them, real clients read them, podman runs the image. */
class ZstdImageTest {
    private static final String ZSTD_LAYER = "application/vnd.oci.image.layer.v1.tar+zstd";

    @TempDir
    Path work;

    @Test
    void aZstdTarNamesZstdLayersInTheManifestAndPodmanRunsIt() throws Exception {
        Path tar = work.resolve("image.tar");

        ImageResult result = builder(work.resolve("cache"), LayerCompression.zstd(3), BuildListener.NONE)
                .build(plan(), new TarTarget(tar, "localhost/zstd-test/hello:1"));

        OciArchive archive = OciArchive.read(tar);
        assertThat(archive.layers()).extracting(layer -> layer.get("mediaType").asText()).containsOnly(ZSTD_LAYER);
        assertThat(Sha256.of(archive.manifestBytes())).as("the digest is of the archived bytes")
                .isEqualTo(result.digest());
        // Debian's zstd reads the layer and checks its checksum; inside is the executable.
        Path layer = Files.write(work.resolve("layer.tar.zst"),
                archive.blob(result.layers().get(0).digest()));
        TestExecutables.run(List.of("zstd", "-d", "-q", "--check", "-o", work.resolve("layer.tar").toString(),
                layer.toString()), "apt-get install zstd");
        assertThat(TestExecutables.run(List.of("tar", "-tf", work.resolve("layer.tar").toString()), "tar"))
                .contains("app/hello");
        JsonNode inspect = new ObjectMapper().readTree(skopeo("inspect", "oci-archive:" + tar));
        assertThat(inspect.get("Digest").asText()).isEqualTo(result.digest());
        // skopeo copies it as it is, the zstd layers verified against their digests on the way.
        skopeo("copy", "--quiet", "oci-archive:" + tar, "oci:" + work.resolve("layout") + ":copied");
        assertThat(work.resolve("layout/blobs/sha256").resolve(result.layers().get(0).digest()
                .substring(Sha256.PREFIX.length()))).exists();

        assertThat(ItImages.runWithPodman(tar.toFile(), "localhost/zstd-test/hello:1"))
                .isEqualTo("hello from scratch\n");
    }

    @Test
    @Tag("registry")
    void aZstdImagePushedToARegistryHasTheDigestWeComputedAndPodmanPullsAndRunsIt() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            String reference = registry.address() + "/zstd/hello:1";

            ImageResult result = builder(work.resolve("cache"), LayerCompression.zstd(3), BuildListener.NONE)
                    .build(plan(), new RegistryTarget(reference, List.of(), null, null, true, false));

            JsonNode inspect = new ObjectMapper().readTree(skopeo("inspect", "--tls-verify=false",
                    "docker://" + reference));
            assertThat(inspect.get("Digest").asText()).isEqualTo(result.digest());
            JsonNode manifest = new ObjectMapper().readTree(skopeo("inspect", "--raw", "--tls-verify=false",
                    "docker://" + reference));
            assertThat(manifest.get("layers").get(0).get("mediaType").asText()).isEqualTo(ZSTD_LAYER);
            assertThat(ItImages.pullAndRunWithPodman(reference)).isEqualTo("hello from scratch\n");
        }
    }

    @Test
    void twoCleanBuildsGiveTheSameZstdDigestAndItIsNotTheGzipOne() throws Exception {
        ImagePlan plan = plan();

        ImageResult first = builder(work.resolve("cache-1"), LayerCompression.zstd(3), BuildListener.NONE)
                .build(plan, new TarTarget(work.resolve("first.tar"), "hello:1"));
        ImageResult second = builder(work.resolve("cache-2"), LayerCompression.zstd(3), BuildListener.NONE)
                .build(plan, new TarTarget(work.resolve("second.tar"), "hello:1"));
        ImageResult gzip = builder(work.resolve("cache-3"), LayerCompression.gzip(6), BuildListener.NONE)
                .build(plan, new TarTarget(work.resolve("gzip.tar"), "hello:1"));

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(Files.readAllBytes(work.resolve("second.tar"))).isEqualTo(Files.readAllBytes(work.resolve("first.tar")));
        assertThat(gzip.digest()).isNotEqualTo(first.digest());
        assertThat(gzip.imageId()).as("the config names uncompressed layers only").isEqualTo(first.imageId());
    }

    @Test
    void oneCacheKeepsGzipAndZstdBlobsApartAndReusesEach() throws Exception {
        ImagePlan plan = plan();
        Path cache = work.resolve("cache");
        ImageFixtures.RecordingListener listener = new ImageFixtures.RecordingListener();

        ImageResult gzip = builder(cache, LayerCompression.gzip(6), BuildListener.NONE)
                .build(plan, new TarTarget(work.resolve("gzip.tar"), "hello:1"));
        ImageResult zstd = builder(cache, LayerCompression.zstd(3), BuildListener.NONE)
                .build(plan, new TarTarget(work.resolve("zstd.tar"), "hello:1"));
        ImageResult zstdAgain = builder(cache, LayerCompression.zstd(3), listener)
                .build(plan, new TarTarget(work.resolve("zstd-again.tar"), "hello:1"));
        ImageResult otherLevel = builder(cache, LayerCompression.zstd(9), BuildListener.NONE)
                .build(plan, new TarTarget(work.resolve("zstd-9.tar"), "hello:1"));

        assertThat(zstd.layers().get(0).digest()).isNotEqualTo(gzip.layers().get(0).digest());
        assertThat(zstdAgain.digest()).isEqualTo(zstd.digest());
        assertThat(listener.lines).anyMatch(line -> line.contains("bytes zstd (reused from the cache)"));
        assertThat(otherLevel.layers().get(0).digest()).isNotEqualTo(zstd.layers().get(0).digest());
        assertThat(blobsIn(cache)).containsExactlyInAnyOrderElementsOf(Stream.of(gzip, zstd, otherLevel)
                .map(result -> result.layers().get(0).digest().substring(Sha256.PREFIX.length())).toList());
    }

    @Test
    void zstdWithTheDockerFormatFailsBeforeAnyLayerIsCompressed() {
        ImagePlan plan = ImagePlan.builder(hello(), Platform.linux("amd64")).format(ImageFormat.DOCKER).build();

        ImageBuildException failure = catchThrowableOfType(ImageBuildException.class,
                () -> builder(work.resolve("cache"), LayerCompression.zstd(3), BuildListener.NONE)
                        .build(plan, new TarTarget(work.resolve("image.tar"), "hello:1")));

        assertThat(failure).hasMessageContaining("zstd level 3 layers need the OCI format");
        assertThat(blobsIn(work.resolve("cache"))).isEmpty();
        assertThat(work.resolve("image.tar")).doesNotExist();
    }

    @Test
    void aZstdLibraryThatCannotLoadFailsThePreparationBeforeTheRegistryIsContacted() throws Exception {
        Path missing = work.resolve("no-such-directory");
        int port = LocalRegistry.freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + missing, "-DZstdTempFolder=" + missing, "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PrepareZstdInAChildProcess.class.getName(), work.resolve("cache").toString(),
                "127.0.0.1:" + port + "/app:1");

        TestExecutables.Outcome outcome = TestExecutables.outcome(command, "a JDK");

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(3);
        assertThat(outcome.output()).contains("zstd layer compression needs zstd-jni's native library")
                .contains("<compression>gzip</compression>");
        assertThat(work.resolve("cache")).as("nothing written before the failure").doesNotExist();
    }

    private ImagePlan plan() {
        return ImagePlan.builder(hello(), Platform.linux("amd64")).build();
    }

    private Path hello() {
        return ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));
    }

    private ImageBuilder builder(Path cache, LayerCompression compression, BuildListener listener) {
        return new ImageBuilder(cache, listener, new RegistryCredentials(Map.of(), work.resolve("home")), compression,
                BlobStoreCap.DEFAULT_CAP_BYTES);
    }

    static List<String> blobsIn(Path cache) {
        Path blobs = cache.resolve("blobs/sha256");
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(blobs)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("[0-9a-f]{64}"))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
