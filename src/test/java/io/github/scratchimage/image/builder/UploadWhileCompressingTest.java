package io.github.scratchimage.image.builder;

import static io.github.scratchimage.testing.ContainerTools.chroot;
import static io.github.scratchimage.testing.ContainerTools.skopeo;
import static io.github.scratchimage.testing.ContainerTools.unpackImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImageLayer;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.registry.RetryPolicy;
import io.github.scratchimage.testing.FaultyProxy;
import io.github.scratchimage.testing.FaultyProxy.Fault;
import io.github.scratchimage.testing.LocalRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A layer compressed in the build goes to a real registry in chunks while it is compressed, through
 * a proxy that can break the chunks. Small chunks (96 KiB; the proxy resets a request after 64 KiB of its body) make several of them from the static
 * test program. Each case pushes a first image cleanly, then a second one: it either arrives (the
 * tag names it, it runs) or fails within 15 s with the tag still on the first image.
 */
@Tag("registry")
class UploadWhileCompressingTest {
    private static final int HTTP_TIMEOUT_MILLIS = 3000;
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final int CHUNK_BYTES = 96 * 1024;
    /** A chunk of an upload in chunks, not Jib's whole-blob PATCH. */
    private static final String CHUNK = "(?im)^Content-Range:";

    private static LocalRegistry registry;
    private static String previousTimeout;

    @TempDir
    Path work;

    private FaultyProxy proxy;
    private ImageFixtures.RecordingListener listener;
    private String repository;
    private String firstDigest;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.start();
        previousTimeout = System.setProperty("jib.httpTimeout", Integer.toString(HTTP_TIMEOUT_MILLIS));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
        if (previousTimeout == null) {
            System.clearProperty("jib.httpTimeout");
        } else {
            System.setProperty("jib.httpTimeout", previousTimeout);
        }
    }

    @BeforeEach
    void pushFirstImage(org.junit.jupiter.api.TestInfo test) throws Exception {
        repository = "chunks/" + test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT)
                + test.getDisplayName().replaceAll("[^a-z0-9]", "");
        proxy = FaultyProxy.to(registry.port());
        listener = new ImageFixtures.RecordingListener();
        firstDigest = builder(ImageBuilder.DEFAULT_COMPRESSION).build(plan("first image!"), target()).digest();
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "ZSTD"})
    void aLayerGoesUpInChunksAsItIsCompressedAndMatchesTheBlobStore(LayerCompression.Algorithm algorithm)
            throws Exception {
        proxy.inject(Fault.STATUS_500, "(?!)", 1, 1); // no fault: only to start recording afresh
        LayerCompression compression = algorithm == LayerCompression.Algorithm.GZIP
                ? ImageBuilder.DEFAULT_COMPRESSION : LayerCompression.zstd(3);

        ImageResult second = builder(compression).build(ImagePlan.builder(executable("second image"),
                Platform.linux("amd64")).format(io.github.scratchimage.image.ImageFormat.OCI).build(), target());
        assertThat(tagDigest()).isEqualTo(second.digest());

        ImageLayer layer = second.layers().get(second.layers().size() - 1);
        Path stored = work.resolve("cache/blobs/sha256").resolve(layer.digest().substring("sha256:".length()));
        byte[] served = blob(layer.digest());
        assertThat(served).as("the registry's blob, byte for byte the blob store's").isEqualTo(Files.readAllBytes(stored));
        assertThat(io.github.scratchimage.image.layer.Sha256.of(served)).isEqualTo(layer.digest());
        List<String> patches = proxy.requests().stream().filter(line -> line.startsWith("PATCH ")).toList();
        String session = patches.get(0).substring(0, patches.get(0).indexOf('?'));
        // The layer's session; the config, a few hundred bytes, goes up whole after it.
        List<String> chunks = patches.stream().filter(line -> line.startsWith(session + "?")).toList();
        assertThat(chunks).as("one PATCH per 96 KiB chunk of %d bytes", layer.compressedSize())
                .hasSize((int) ((layer.compressedSize() + CHUNK_BYTES - 1) / CHUNK_BYTES));
        // Each chunk to the Location the last answer gave: the registry's session state moves with it.
        assertThat(chunks.stream().distinct()).hasSameSizeAs(chunks);
        assertThat(listener.lines).anyMatch(line -> line.contains("layer executable")
                && line.endsWith(", uploaded as it was compressed"));
    }

    @Test
    void aLayerTheCacheAndTheRegistryHaveIsNeverUploaded() throws Exception {
        proxy.inject(Fault.STATUS_500, "(?!)", 1, 1);

        builder(ImageBuilder.DEFAULT_COMPRESSION).build(plan("first image!"), target());

        assertThat(proxy.requests()).noneMatch(line -> line.startsWith("POST ") || line.startsWith("PATCH "));
        assertThat(listener.lines).anyMatch(line -> line.endsWith("already in the registry, nothing uploaded"));
    }

    @Test
    void aConnectionDroppedInTheSecondChunkIsPushedAgainFromTheBlobStore() throws Exception {
        proxy.inject(Fault.RESET_MID_UPLOAD, "^PATCH /v2/", CHUNK, 2, 1);

        assertRecovered(ImageBuilder.DEFAULT_COMPRESSION, plan("second image"));

        assertThat(listener.lines).anyMatch(line -> line.startsWith("WARN uploading layer 'executable' as it was"
                + " compressed failed") && line.endsWith("pushing it again from the layer cache"));
        assertThat(proxy.requests()).as("the whole blob, once compressed").anyMatch(line -> line.startsWith("PUT ")
                && line.contains("/blobs/uploads/"));
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"STATUS_405", "STATUS_416"})
    void aRegistryThatRefusesChunksGetsTheLayerWholeSayingSoOnce(Fault refusal) throws Exception {
        proxy.inject(refusal, "^PATCH /v2/", CHUNK, 1, 100);

        assertRecovered(ImageBuilder.DEFAULT_COMPRESSION, plan("second image"));

        assertThat(listener.lines.stream().filter(line -> line.startsWith("INFO the registry does not take layers"
                + " in chunks (it answered HTTP " + refusal.name().substring(7) + " to PATCH)"))).hasSize(1);
        assertThat(listener.lines).noneMatch(line -> line.startsWith("WARN"));
    }

    @Test
    void aStalledChunkFailsWithinTheBoundNamingTheLayer() {
        proxy.inject(Fault.STALL, "^PATCH /v2/", CHUNK, 1, 100);

        long started = System.nanoTime();
        ImageBuildException failure = catchThrowableOfType(
                () -> builder(ImageBuilder.DEFAULT_COMPRESSION).build(plan("second image"), target()),
                ImageBuildException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure).as("requests: %s", proxy.requests()).isNotNull();
        assertThat(took).isLessThan(BOUND);
        assertThat(failure.getMessage()).contains(proxy.address())
                .contains("uploading layer 'executable' as it is compressed").contains("jib.httpTimeout");
        assertThat(proxy.requests()).noneMatch(line -> line.contains("/manifests/"));
        assertThat(tagDigest()).as("the tag after a failed push").isEqualTo(firstDigest);
    }

    private ImageResult assertRecovered(LayerCompression compression, ImagePlan plan) throws Exception {
        long started = System.nanoTime();
        ImageResult second = builder(compression).build(plan, target());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);

        assertThat(second.digest()).isNotEqualTo(firstDigest);
        assertThat(tagDigest()).isEqualTo(second.digest());
        Path rootfs = unpackImage("docker://" + registry.address() + "/" + repository + ":1", work,
                "--src-tls-verify=false");
        assertThat(chroot(rootfs, "/app/hello")).isEqualTo("second image\n");
        return second;
    }

    private byte[] blob(String digest) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + registry.address() + "/v2/" + repository + "/blobs/" + digest)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String tagDigest() {
        String inspect = skopeo("inspect", "--tls-verify=false", "docker://" + registry.address() + "/" + repository + ":1");
        int start = inspect.indexOf("\"Digest\": \"") + "\"Digest\": \"".length();
        return inspect.substring(start, inspect.indexOf('"', start));
    }

    private Path executable(String text) {
        return ImageFixtures.copyAs(ImageFixtures.printing(text), work.resolve(text.replace(' ', '-')).resolve("hello"));
    }

    private ImagePlan plan(String text) {
        return ImagePlan.builder(executable(text), Platform.linux("amd64")).build();
    }

    private RegistryTarget target() {
        return new RegistryTarget(proxy.address() + "/" + repository + ":1", List.of(), null, null, true, false);
    }

    private ImageBuilder builder(LayerCompression compression) {
        return new ImageBuilder(work.resolve("cache"), listener, new RegistryCredentials(Map.of(), work.resolve("home")),
                compression, io.github.scratchimage.image.layer.BlobStoreCap.DEFAULT_CAP_BYTES)
                .withRetries(new RetryPolicy(3, Duration.ofMillis(500)))
                .withUploadChunkBytes(CHUNK_BYTES);
    }
}
