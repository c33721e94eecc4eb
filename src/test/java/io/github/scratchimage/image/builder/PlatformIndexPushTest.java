package io.github.scratchimage.image.builder;

import static io.github.scratchimage.testing.ContainerTools.skopeo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.MultiPlatformResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.registry.RetryPolicy;
import io.github.scratchimage.testing.FaultyProxy;
import io.github.scratchimage.testing.FaultyProxy.Fault;
import io.github.scratchimage.testing.LocalRegistry;
import io.github.scratchimage.testing.Toolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several plans pushed as one index ({@link ImageBuilder#buildIndex}) to a real registry, read back with skopeo. */
@Tag("registry")
public class PlatformIndexPushTest {
    @TempDir
    Path work;

    private final ImageFixtures.RecordingListener listener = new ImageFixtures.RecordingListener();

    @Test
    void eachPlatformGoesByDigestAndOnlyTheIndexIsTagged() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            String reference = registry.address() + "/multi/hello:1.0";

            MultiPlatformResult result = build(reference, List.of("latest"), "one", work.resolve("cache"));

            String raw = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + reference);
            assertThat(Sha256.of(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(result.digest());
            assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + registry.address()
                    + "/multi/hello:latest")).isEqualTo(raw);
            JsonNode index = new ObjectMapper().readTree(raw);
            assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
            assertThat(index.path("manifests").findValuesAsText("architecture")).containsExactly("amd64", "arm64");
            assertThat(result.images()).extracting(image -> image.image().digest())
                    .containsExactlyElementsOf(index.path("manifests").findValuesAsText("digest"));
            JsonNode tags = new ObjectMapper().readTree(skopeo("list-tags", "--tls-verify=false", "docker://"
                    + registry.address() + "/multi/hello"));
            assertThat(tags.path("Tags")).as("the platforms are pushed by digest only")
                    .extracting(JsonNode::asText).containsExactlyInAnyOrder("1.0", "latest");
            JsonNode arm64 = new ObjectMapper().readTree(skopeo("inspect", "--config", "--tls-verify=false",
                    "--override-arch", "arm64", "docker://" + reference));
            assertThat(arm64.path("architecture").asText()).isEqualTo("arm64");
        }
    }

    @Test
    void theSameExecutablesGiveTheSameIndexDigestFromAnEmptyCache() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            MultiPlatformResult first = build(registry.address() + "/multi/a:1", List.of(), "same", work.resolve("c1"));
            MultiPlatformResult again = build(registry.address() + "/multi/b:1", List.of(), "same", work.resolve("c2"));

            assertThat(again.digest()).isEqualTo(first.digest());
        }
    }

    @Test
    void anIndexThatCannotBeTaggedLeavesTheTagOnThePreviousIndex() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(); FaultyProxy proxy = FaultyProxy.to(registry.port())) {
            String reference = proxy.address() + "/multi/hello:1";
            MultiPlatformResult before = build(reference, List.of(), "before", work.resolve("cache"));
            proxy.inject(Fault.STATUS_500, "^PUT /v2/multi/hello/manifests/1 ", 1, 100);

            ImageBuildException failure = catchThrowableOfType(() -> build(reference, List.of(), "after",
                    work.resolve("cache")), ImageBuildException.class);

            assertThat(failure).as("requests: %s", proxy.requests()).isNotNull();
            assertThat(failure.getMessage()).contains("the index for tag 1").contains("HTTP 500");
            String raw = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + registry.address()
                    + "/multi/hello:1");
            assertThat(Sha256.of(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(before.digest());
        }
    }

    /** An amd64 and an arm64 image printing {@code text}, pushed as one index. */
    private MultiPlatformResult build(String reference, List<String> tags, String text, Path cache) throws Exception {
        Path amd64 = ImageFixtures.copyAs(ImageFixtures.printing(text), work.resolve(text + "-amd64").resolve("hello"));
        Path arm64 = ImageFixtures.hello(Toolchain.AARCH64_STATIC, work.resolve(text + "-arm64"));
        List<ImagePlan> plans = List.of(
                ImagePlan.builder(arm64, Platform.linux("arm64")).format(ImageFormat.OCI).build(),
                ImagePlan.builder(amd64, Platform.linux("amd64")).format(ImageFormat.OCI).build());
        ImageBuilder builder = new ImageBuilder(cache, listener, new RegistryCredentials(Map.of(),
                work.resolve("home"))).withRetries(new RetryPolicy(2, Duration.ofMillis(200)));
        try (PreparedTarget prepared = builder.prepare(new RegistryTarget(reference, tags, null, null, true, false))) {
            return builder.buildIndex(plans, prepared);
        }
    }
}
