package io.github.scratchimage.image.builder;

import static io.github.scratchimage.testing.ContainerTools.skopeo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.testing.LocalRegistry;
import io.github.scratchimage.testing.Toolchain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attaching files to a pushed image through the referrers tag schema, against the CNCF
 * distribution registry, which has no referrers API: what skopeo reads back from the registry
 * is the artifact manifest with the image as its subject, its blob, and the index under
 * {@code sha256-<hex>} that lists every referrer once.
 */
@Tag("registry")
class ReferrersTagTest {
    private static final String SBOM_TYPE = "application/vnd.cyclonedx+json";

    @TempDir
    Path work;

    @Test
    void referrersAreListedUnderTheTagOfTheImageDigestEachOnceAndAlongsideEachOther() throws Exception {
        ImagePlan plan = ImagePlan.builder(ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in")),
                Platform.linux("amd64")).build();
        ImageBuilder builder = new ImageBuilder(work.resolve("cache"), BuildListener.NONE,
                new RegistryCredentials(Map.of(), work.resolve("home")));
        byte[] sbom = "{\"bomFormat\":\"CycloneDX\"}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8);
        try (LocalRegistry registry = LocalRegistry.start()) {
            String reference = registry.address() + "/team/hello:1";
            String first;
            String second;
            ImageResult image;
            try (PreparedTarget prepared = builder.prepare(new RegistryTarget(reference, List.of(), null, null, true,
                    false))) {
                image = builder.build(plan, prepared);
                first = builder.attach(prepared, SBOM_TYPE, sbom, "scratch-image.cdx.json", "2026-02-03T04:05:06Z");
                second = builder.attach(prepared, "application/spdx+json", other, "sbom.spdx.json",
                        "2026-02-03T04:05:06Z");
                assertThat(builder.attach(prepared, SBOM_TYPE, sbom, "scratch-image.cdx.json", "2026-02-03T04:05:06Z"))
                        .as("the same file twice is the same referrer").isEqualTo(first);
            }

            String tag = image.digest().replace(':', '-');
            JsonNode index = raw(registry.address() + "/team/hello:" + tag);
            assertThat(index.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
            assertThat(index.get("manifests").findValuesAsText("digest")).containsExactly(first, second);
            assertThat(index.at("/manifests/0/artifactType").asText()).isEqualTo(SBOM_TYPE);
            assertThat(index.at("/manifests/0/annotations/org.opencontainers.image.created").asText())
                    .isEqualTo("2026-02-03T04:05:06Z");

            JsonNode artifact = raw(registry.address() + "/team/hello@" + first);
            assertThat(artifact.get("artifactType").asText()).isEqualTo(SBOM_TYPE);
            assertThat(artifact.at("/subject/digest").asText()).isEqualTo(image.digest());
            assertThat(artifact.at("/subject/mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
            assertThat(artifact.at("/config/mediaType").asText()).isEqualTo("application/vnd.oci.empty.v1+json");
            assertThat(artifact.at("/layers/0/mediaType").asText()).isEqualTo(SBOM_TYPE);
            assertThat(artifact.at("/layers/0/annotations/org.opencontainers.image.title").asText())
                    .isEqualTo("scratch-image.cdx.json");
            String blob = artifact.at("/layers/0/digest").asText();
            assertThat(blob).isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sbom)));
            assertThat(blob(registry, "team/hello", blob)).isEqualTo(sbom);
            // the image itself is untouched: its tag still names it
            assertThat(skopeo("inspect", "--tls-verify=false", "docker://" + reference))
                    .contains("\"Digest\": \"" + image.digest() + "\"");
        }
    }

    private static JsonNode raw(String reference) throws Exception {
        return new ObjectMapper().readTree(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + reference));
    }

    private static byte[] blob(LocalRegistry registry, String repository, String digest) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create("http://" + registry.address() + "/v2/" + repository
                        + "/blobs/" + digest)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
