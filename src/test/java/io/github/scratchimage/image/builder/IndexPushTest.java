package io.github.scratchimage.image.builder;

import static io.github.scratchimage.testing.ContainerTools.skopeo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.IndexResult;
import io.github.scratchimage.image.RegistryCredential;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.image.manifest.ImageIndex;
import io.github.scratchimage.image.registry.IndexPusher;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.registry.RetryPolicy;
import io.github.scratchimage.testing.LocalRegistry;
import io.github.scratchimage.testing.RecordingProxy;
import io.github.scratchimage.testing.Toolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index of pushed images against a real registry, read back with skopeo. */
@Tag("registry")
public class IndexPushTest {
    @TempDir
    Path work;

    private Path hello;
    private ImageBuilder builder;
    private RegistryCredentials noCredentials;

    @BeforeEach
    void setUp() {
        hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));
        noCredentials = new RegistryCredentials(Map.of(), work.resolve("home"));
        builder = new ImageBuilder(work.resolve("cache"), BuildListener.NONE, noCredentials);
    }

    private ImageResult push(String reference, Platform platform, ImageFormat format) throws Exception {
        return push(reference, hello, platform, format);
    }

    private ImageResult push(String reference, Path executable, Platform platform, ImageFormat format)
            throws Exception {
        ImagePlan plan = ImagePlan.builder(executable, platform).format(format).build();
        return builder.build(plan, new RegistryTarget(reference, List.of(), null, null, true, false));
    }

    private IndexResult index(String reference, List<String> tags, String... sources) throws Exception {
        return IndexPusher.push(new RegistryTarget(reference, tags, null, null, true, false), List.of(sources),
                BuildListener.NONE, noCredentials, RetryPolicy.DEFAULT);
    }

    private static String raw(String reference) {
        return skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + reference);
    }

    @Test
    void mergesImagesOfTwoRepositoriesIntoOneIndexUnderEveryTag() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            String r = registry.address();
            ImageResult amd64 = push(r + "/ci/hello:amd64", Platform.linux("amd64"), ImageFormat.OCI);
            ImageResult arm64 = push(r + "/other/hello:arm64",
                    ImageFixtures.hello(Toolchain.AARCH64_STATIC, work.resolve("arm64")), Platform.linux("arm64"),
                    ImageFormat.OCI);

            // through a relay that records the requests: the other repository's layers are mounted, not read
            int relay = LocalRegistry.freePort();
            java.io.File record = work.resolve("requests").toFile();
            RecordingProxy.start(record, relay, registry.port());
            String viaRelay = "127.0.0.1:" + relay;
            IndexResult result = index(viaRelay + "/ci/hello:1.0", List.of("latest"),
                    viaRelay + "/ci/hello:amd64", viaRelay + "/other/hello@" + arm64.digest());
            String requests = RecordingProxy.stop(record);
            for (String blob : List.of(arm64.imageId(), arm64.layers().get(0).digest())) {
                assertThat(requests).contains("POST /v2/ci/hello/blobs/uploads/?mount=" + blob + "&from=other/hello ");
            }
            // only the config is read, for the platform; the layer is never downloaded
            assertThat(requests).doesNotContain("GET /v2/other/hello/blobs/" + arm64.layers().get(0).digest());

            String index = raw(r + "/ci/hello:1.0");
            assertThat(Sha256.of(index.getBytes(StandardCharsets.UTF_8))).isEqualTo(result.digest());
            assertThat(raw(r + "/ci/hello:latest")).isEqualTo(index);
            assertThat(index).contains("\"mediaType\":\"" + ImageIndex.OCI_INDEX + "\"")
                    .contains(amd64.digest()).contains(arm64.digest())
                    .contains("{\"architecture\":\"amd64\",\"os\":\"linux\"}")
                    .contains("{\"architecture\":\"arm64\",\"os\":\"linux\"}");
            assertThat(result.platforms()).extracting(IndexResult.PlatformImage::platform)
                    .containsExactly("linux/amd64", "linux/arm64");
            // the arm64 image from the other repository is now in this one, by digest
            assertThat(raw(r + "/ci/hello@" + arm64.digest()))
                    .isEqualTo(raw(r + "/other/hello@" + arm64.digest()));
            assertThat(skopeo("inspect", "--tls-verify=false", "--override-arch", "arm64",
                    "docker://" + r + "/ci/hello:1.0")).contains("\"Architecture\": \"arm64\"");

            // same inputs, same index; an index as a source gives its entries
            assertThat(index(r + "/ci/hello:again", List.of(), r + "/ci/hello:1.0").digest())
                    .isEqualTo(result.digest());
            assertThat(index(r + "/ci/hello:swapped", List.of(), r + "/other/hello:arm64", r + "/ci/hello:amd64")
                    .digest()).isEqualTo(result.digest());
        }
    }

    @Test
    void anIndexWithFieldsJibCannotReadGivesItsPlatformImagesAndLeavesAttestationsOut() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            String r = registry.address();
            ImageResult amd64 = push(r + "/hello:amd64", Platform.linux("amd64"), ImageFormat.OCI);
            ImageResult arm64 = push(r + "/hello:arm64", Platform.linux("arm64"), ImageFormat.OCI);
            long amd64Size = raw(r + "/hello:amd64").length();
            long arm64Size = raw(r + "/hello:arm64").length();
            // as buildx writes them: annotations, artifactType, a variant, an attestation entry
            String fancy = "{\"schemaVersion\":2,\"mediaType\":\"" + ImageIndex.OCI_INDEX + "\",\"manifests\":["
                    + "{\"mediaType\":\"" + ImageIndex.OCI_MANIFEST + "\",\"digest\":\"" + amd64.digest()
                    + "\",\"size\":" + amd64Size + ",\"artifactType\":\"application/vnd.example\","
                    + "\"annotations\":{\"org.opencontainers.image.title\":\"hello\"},"
                    + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                    + "{\"mediaType\":\"" + ImageIndex.OCI_MANIFEST + "\",\"digest\":\"" + arm64.digest()
                    + "\",\"size\":" + arm64Size + ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\","
                    + "\"variant\":\"v8\"}},"
                    + "{\"mediaType\":\"" + ImageIndex.OCI_MANIFEST + "\",\"digest\":\"" + amd64.digest()
                    + "\",\"size\":" + amd64Size + ",\"annotations\":{\"vnd.docker.reference.type\":"
                    + "\"attestation-manifest\"},\"platform\":{\"architecture\":\"unknown\",\"os\":\"unknown\"}}],"
                    + "\"annotations\":{\"org.opencontainers.image.created\":\"2026-01-01T00:00:00Z\"}}";
            java.net.http.HttpResponse<String> put = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + r + "/v2/hello/manifests/fancy"))
                            .header("Content-Type", ImageIndex.OCI_INDEX)
                            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(fancy)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

            IndexResult result = index(r + "/hello:1.0", List.of(), r + "/hello:fancy");

            assertThat(result.platforms()).extracting(IndexResult.PlatformImage::platform)
                    .containsExactly("linux/amd64", "linux/arm64/v8");
            assertThat(result.platforms()).extracting(IndexResult.PlatformImage::size)
                    .containsExactly(amd64Size, arm64Size);
            assertThat(raw(r + "/hello:1.0")).doesNotContain("unknown").doesNotContain("annotations")
                    .contains("{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}");
        }
    }

    @Test
    void mergesAcrossRepositoriesOfARegistryThatWantsAPassword() throws Exception {
        String password = "s3cret-Pa55word";
        try (LocalRegistry registry = LocalRegistry.builder().htpasswd("alice", password).start()) {
            String r = registry.address();
            RegistryCredential alice = new RegistryCredential("alice", password);
            ImagePlan amd64 = ImagePlan.builder(hello, Platform.linux("amd64")).build();
            ImagePlan arm64 = ImagePlan.builder(ImageFixtures.hello(Toolchain.AARCH64_STATIC, work.resolve("arm64")),
                    Platform.linux("arm64")).build();
            builder.build(amd64, new RegistryTarget(r + "/a/hello:amd64", List.of(), alice, null, true, true));
            builder.build(arm64, new RegistryTarget(r + "/b/hello:arm64", List.of(), alice, null, true, true));

            IndexResult result = IndexPusher.push(new RegistryTarget(r + "/c/hello:1.0", List.of(), alice, null,
                    true, true), List.of(r + "/a/hello:amd64", r + "/b/hello:arm64"), BuildListener.NONE,
                    noCredentials, RetryPolicy.DEFAULT);

            String index = skopeo("inspect", "--raw", "--tls-verify=false", "--creds", "alice:" + password,
                    "docker://" + r + "/c/hello:1.0");
            assertThat(Sha256.of(index.getBytes(StandardCharsets.UTF_8))).isEqualTo(result.digest());
            assertThat(result.platforms()).extracting(IndexResult.PlatformImage::platform)
                    .containsExactly("linux/amd64", "linux/arm64");
            assertThat(skopeo("inspect", "--tls-verify=false", "--creds", "alice:" + password, "--override-arch",
                    "arm64", "docker://" + r + "/c/hello:1.0")).contains("\"Architecture\": \"arm64\"");
        }
    }

    @Test
    void dockerImagesGiveADockerManifestList() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            String r = registry.address();
            push(r + "/hello:amd64", Platform.linux("amd64"), ImageFormat.DOCKER);
            push(r + "/hello:arm", Platform.linux("arm", "v7"), ImageFormat.DOCKER);

            IndexResult result = index(r + "/hello:1.0", List.of(), r + "/hello:amd64", r + "/hello:arm");

            assertThat(result.mediaType()).isEqualTo(ImageIndex.DOCKER_MANIFEST_LIST);
            assertThat(raw(r + "/hello:1.0")).contains("{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}");
        }
    }

    @Test
    void refusesTwoImagesOfOnePlatformAMissingImageAndAnotherRegistryPushingNothing() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            String r = registry.address();
            push(r + "/hello:amd64", Platform.linux("amd64"), ImageFormat.OCI);
            ImagePlan other = ImagePlan.builder(hello, Platform.linux("amd64")).args(List.of("--other")).build();
            builder.build(other, new RegistryTarget(r + "/hello:amd64-other", List.of(), null, null, true, false));

            InvalidInputException twice = catchThrowableOfType(InvalidInputException.class,
                    () -> index(r + "/hello:1.0", List.of(), r + "/hello:amd64", r + "/hello:amd64-other"));
            assertThat(twice).hasMessageContaining("two images for linux/amd64")
                    .hasMessageContaining(r + "/hello:amd64").hasMessageContaining(r + "/hello:amd64-other");

            InvalidInputException missing = catchThrowableOfType(InvalidInputException.class,
                    () -> index(r + "/hello:1.0", List.of(), r + "/hello:amd64", r + "/hello:arm64"));
            assertThat(missing).hasMessageContaining("'" + r + "/hello:arm64' does not exist");

            InvalidInputException elsewhere = catchThrowableOfType(InvalidInputException.class,
                    () -> index(r + "/hello:1.0", List.of(), r + "/hello:amd64", "quay.io/team/hello:arm64"));
            assertThat(elsewhere).hasMessageContaining("'quay.io/team/hello:arm64' is in the registry quay.io");

            assertThat(skopeo("list-tags", "--tls-verify=false", "docker://" + r + "/hello"))
                    .doesNotContain("\"1.0\"");
        }
    }
}
