package io.github.scratchimage.image.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.image.layer.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code .sig} manifest: others' layers kept as read, ours appended, the config listing them all. */
class SignatureManifestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    private static final String THEIRS = "sha256:" + "a".repeat(64);

    /** What cosign with a bundle and another tool might have written, a null included. */
    private static final String WRITTEN_BY_OTHERS = "{\"schemaVersion\":2,"
            + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":1,\"digest\":\"sha256:"
            + "b".repeat(64) + "\"},"
            + "\"layers\":[{\"mediaType\":\"" + SIMPLE_SIGNING + "\",\"size\":240,\"digest\":\"" + THEIRS + "\","
            + "\"annotations\":{\"dev.cosignproject.cosign/signature\":\"MEUCIQ==\","
            + "\"dev.sigstore.cosign/bundle\":\"{\\\"SignedEntryTimestamp\\\":\\\"x\\\"}\"}},"
            + "{\"mediaType\":\"application/x-other\",\"size\":3,\"digest\":\"sha256:" + "c".repeat(64) + "\","
            + "\"urls\":null}],"
            + "\"annotations\":{\"org.example/kept\":\"yes\"}}";

    @Test
    void appendingKeepsEveryLayerAndAnnotationAsReadAndListsOursLast() throws Exception {
        SignatureManifest read = SignatureManifest.parse(WRITTEN_BY_OTHERS.getBytes(StandardCharsets.UTF_8));
        assertThat(read.signatures()).containsExactly(new SignatureManifest.Signature(THEIRS, 240, "MEUCIQ=="));

        byte[] payload = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);
        SignatureManifest signed = read.with(payload, "MEYCIQ==");
        JsonNode before = JSON.readTree(WRITTEN_BY_OTHERS);
        JsonNode after = JSON.readTree(signed.bytes());

        assertThat(after.get("layers")).hasSize(3);
        assertThat(after.at("/layers/0")).isEqualTo(before.at("/layers/0"));
        assertThat(after.at("/layers/1/digest")).isEqualTo(before.at("/layers/1/digest"));
        assertThat(after.at("/layers/1").has("urls")).as("a JSON null is dropped").isFalse();
        assertThat(after.get("annotations")).isEqualTo(before.get("annotations"));
        JsonNode ours = after.at("/layers/2");
        assertThat(ours.get("mediaType").asText()).isEqualTo(SIMPLE_SIGNING);
        assertThat(ours.get("digest").asText()).isEqualTo(Sha256.of(payload));
        assertThat(ours.get("size").asLong()).isEqualTo(payload.length);
        assertThat(ours.at("/annotations/dev.cosignproject.cosign~1signature").asText()).isEqualTo("MEYCIQ==");
        assertThat(signed.signatures()).hasSize(2);

        // the config names every layer, and the manifest names the config
        byte[] config = signed.config();
        assertThat(after.at("/config/digest").asText()).isEqualTo(Sha256.of(config));
        assertThat(after.at("/config/size").asLong()).isEqualTo(config.length);
        JsonNode diffIds = JSON.readTree(config).at("/rootfs/diff_ids");
        assertThat(diffIds).hasSize(3);
        assertThat(diffIds.get(2).asText()).isEqualTo(Sha256.of(payload));
        assertThat(JSON.readTree(config).get("history")).hasSize(3);
    }

    @Test
    void aNewManifestIsAnOciManifestWithOneSignature() throws Exception {
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        JsonNode manifest = JSON.readTree(SignatureManifest.empty().with(payload, "MEQ=").bytes());
        assertThat(manifest.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(manifest.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.at("/config/mediaType").asText()).isEqualTo("application/vnd.oci.image.config.v1+json");
        assertThat(manifest.get("layers")).hasSize(1);
    }

    @Test
    void somethingThatIsNotAJsonObjectIsRefused() {
        assertThatThrownBy(() -> SignatureManifest.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SignatureManifest.parse("{\"layers\":[1]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
    }
}
