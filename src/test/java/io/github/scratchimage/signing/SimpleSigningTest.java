package io.github.scratchimage.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimpleSigningTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void payloadIsTheJsonCosignMarshalsByteForByte() {
        byte[] payload = SimpleSigning.payload("registry.example.com:5000/team/app", DIGEST);

        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{\"critical\":{\"identity\":"
                + "{\"docker-reference\":\"registry.example.com:5000/team/app\"},\"image\":"
                + "{\"docker-manifest-digest\":\"" + DIGEST + "\"},"
                + "\"type\":\"cosign container image signature\"},\"optional\":null}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:5000/app", "index.docker.io/library/busybox", "app", "ghcr.io/o/a-b_c.d__e",
        "127.0.0.1:5000/x/y/z", "registry.example.com/team/app:1.0"})
    void acceptsRepositoryReferences(String reference) {
        assertThat(new String(SimpleSigning.payload(reference, DIGEST), StandardCharsets.UTF_8))
                .contains("\"docker-reference\":\"" + reference + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Registry.example.com/Team/App", "registry.example.com/app@sha256:abc",
        "app\"}", "app\\u0022", "app name", "/app", "app/", "registry.example.com//app"})
    void refusesWhatIsNotARepositoryReferenceNamingIt(String reference) {
        assertThatThrownBy(() -> SimpleSigning.payload(reference, DIGEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + reference + "\"")
                .hasMessageContaining("registry.example.com/team/app");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256:abc", "sha512:00",
        "SHA256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"})
    void refusesWhatIsNotAManifestDigest(String digest) {
        assertThatThrownBy(() -> SimpleSigning.payload("registry.example.com/app", digest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + digest + "\"")
                .hasMessageContaining("64 lowercase hex digits");
    }

    @Test
    void signatureTagIsCosignsTagForTheDigest() {
        assertThat(SimpleSigning.signatureTag(DIGEST)).isEqualTo("sha256-" + "0123456789abcdef".repeat(4) + ".sig");
    }
}
