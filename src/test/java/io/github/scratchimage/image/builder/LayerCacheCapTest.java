package io.github.scratchimage.image.builder;

import static io.github.scratchimage.image.builder.ZstdImageTest.blobsIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImageLayer;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.layer.BlobLease;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.testing.TestExecutables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer cache after a build: under its cap, nothing of a killed build left, and never a failed build for it. */
class LayerCacheCapTest {
    private static final List<String> PODMAN_OPTIONS =
            List.of("--storage-driver=vfs", "--cgroup-manager=cgroupfs", "--runtime=runc");

    @TempDir
    Path work;

    @Test
    void afterABuildTheLeastRecentlyUsedBlobsGoUntilTheCacheIsUnderItsCap() throws Exception {
        Path cache = work.resolve("cache");
        ImagePlan first = plan("first image");
        ImagePlan second = plan("other image");
        ImageResult old = builder(cache, BlobStoreCap.DEFAULT_CAP_BYTES, BuildListener.NONE)
                .build(first, new TarTarget(work.resolve("first.tar"), "first:1"));
        long secondSize = builder(work.resolve("sizing-cache"), BlobStoreCap.DEFAULT_CAP_BYTES, BuildListener.NONE)
                .build(second, new TarTarget(work.resolve("sizing.tar"), "second:1"))
                .layers().stream().mapToLong(ImageLayer::compressedSize).sum();
        ImageFixtures.RecordingListener listener = new ImageFixtures.RecordingListener();

        ImageResult recent = builder(cache, secondSize, listener)
                .build(second, new TarTarget(work.resolve("second.tar"), "second:1"));

        assertThat(blobsIn(cache)).containsExactlyInAnyOrderElementsOf(hexes(recent));
        assertThat(hexes(old)).doesNotContainAnyElementsOf(blobsIn(cache));
        assertThat(listener.lines).anyMatch(line -> line.startsWith("INFO layer cache: removed 1 least recently"
                + " used blobs"));
        // The evicted image is compressed again, to the same bytes.
        ImageResult again = builder(cache, BlobStoreCap.DEFAULT_CAP_BYTES, BuildListener.NONE)
                .build(first, new TarTarget(work.resolve("first-again.tar"), "first:1"));
        assertThat(again.digest()).isEqualTo(old.digest());
    }

    @Test
    void theBuildsOwnBlobsAreHeldUntilTheImageIsWrittenThenTheCapApplies() throws Exception {
        Path cache = work.resolve("cache");

        ImageResult result = builder(cache, 0, BuildListener.NONE)
                .build(plan("held"), new TarTarget(work.resolve("image.tar"), "held:1"));

        // The tar holds the layer, so the blob was there when it was written; after it, the cap of 0 took it.
        assertThat(io.github.scratchimage.testing.OciArchive.read(work.resolve("image.tar"))
                .blob(result.layers().get(0).digest())).isNotEmpty();
        assertThat(blobsIn(cache)).isEmpty();
        try (Stream<Path> leases = Files.list(cache.resolve("leases"))) {
            assertThat(leases).as("the build's lease is released").isEmpty();
        }
    }

    @Test
    void blobsAnotherRunningBuildHoldsAreKeptEvenOverTheCap() throws Exception {
        Path cache = work.resolve("cache");
        ImageResult held = builder(cache, BlobStoreCap.DEFAULT_CAP_BYTES, BuildListener.NONE)
                .build(plan("held by another"), new TarTarget(work.resolve("held.tar"), "held:1"));
        ImageFixtures.RecordingListener listener = new ImageFixtures.RecordingListener();

        try (BlobLease running = BlobLease.open(cache)) {
            assertThat(running.use(held.layers().get(0).digest())).isTrue();
            builder(cache, 0, listener).build(plan("this build"), new TarTarget(work.resolve("this.tar"), "this:1"));
        }

        assertThat(blobsIn(cache)).containsExactlyElementsOf(hexes(held));
        assertThat(listener.lines).anyMatch(line -> line.startsWith("INFO layer cache: " + held.layers().get(0)
                .compressedSize() + " bytes kept in " + cache + ", over the cap of 0 bytes, because builds running"
                + " now use them"));
    }

    @Test
    void anEvictionThatFailsIsAWarningAndTheBuildSucceeds() throws Exception {
        Path cache = work.resolve("cache");
        // A lease that is a directory cannot be read: the eviction fails on it.
        Files.createDirectories(cache.resolve("leases/not-a-lease"));
        ImageFixtures.RecordingListener listener = new ImageFixtures.RecordingListener();

        ImageResult result = builder(cache, 0, listener)
                .build(plan("warned"), new TarTarget(work.resolve("image.tar"), "warned:1"));

        assertThat(work.resolve("image.tar")).exists();
        assertThat(result.digest()).startsWith("sha256:");
        assertThat(listener.lines).anyMatch(line -> line.startsWith("WARN could not keep the layer cache " + cache
                + " under its cap of 0 bytes (the image is built all the same)"));
    }

    @Test
    void aLoadTarAKilledBuildLeftIsRemovedAndTheBuildLeavesNoneOfItsOwn() throws Exception {
        Path cache = work.resolve("cache");
        Path tmp = Files.createDirectories(cache.resolve(ImageBuilder.LOAD_DIRECTORY));
        Path killed = Files.write(tmp.resolve(".load.1234abcd.partial"), new byte[4096]);
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path running = Files.write(tmp.resolve(".load.5678ef.partial"), new byte[4096]);
        String image = "localhost/scratch-image-test/cache-cap:load";

        try {
            builder(cache, BlobStoreCap.DEFAULT_CAP_BYTES, BuildListener.NONE).build(plan("loaded"),
                    new DockerClientTarget(Path.of("podman"), PODMAN_OPTIONS, Map.of(), image));
        } finally {
            podman("rmi", "--force", image);
        }

        assertThat(killed).as("left by a killed build").doesNotExist();
        assertThat(running).as("another build's, being loaded now").exists();
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(running);
        }
    }

    private ImagePlan plan(String text) {
        return ImagePlan.builder(ImageFixtures.copyAs(ImageFixtures.printing(text), work.resolve(text + "/hello")),
                Platform.linux("amd64")).build();
    }

    private ImageBuilder builder(Path cache, long cap, BuildListener listener) {
        return new ImageBuilder(cache, listener, new RegistryCredentials(Map.of(), work.resolve("home")),
                LayerCompression.gzip(6), cap);
    }

    private static List<String> hexes(ImageResult result) {
        return result.layers().stream().map(layer -> layer.digest().substring(Sha256.PREFIX.length())).toList();
    }

    private static String podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(PODMAN_OPTIONS);
        command.addAll(List.of(args));
        return TestExecutables.run(command, "apt-get install podman");
    }
}
