package io.github.scratchimage.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class ImageReferencesTest {
    private static final String DIGEST = "sha256:9d0c67e7d2c9f4f1c0c2a2f0e43ab0b8a5d8d5a8a6b0a2b5f0f4e2f7a8b9c0d1";

    @Test
    void theRegistryIsTheSettingsServerIdWithItsPort() throws Exception {
        assertThat(ImageReferences.registry("127.0.0.1:5000/team/app:1.0")).isEqualTo("127.0.0.1:5000");
        assertThat(ImageReferences.registry("registry.example.com/app")).isEqualTo("registry.example.com");
        assertThat(ImageReferences.registry("app")).isEqualTo("registry-1.docker.io");
    }

    @Test
    void aBadReferenceSaysTheGrammarOnce() {
        InvalidReferenceException e = catchThrowableOfType(() -> ImageReferences.parse("127.0.0.1:5000/UX/App:1.0"),
                InvalidReferenceException.class);
        assertThat(e.getMessage()).startsWith("Invalid image reference or tag '127.0.0.1:5000/UX/App:1.0': use"
                + " [registry[:port]/]repository[:tag] with a lower-case repository");
        assertThat(e.getMessage().split("Invalid image reference", -1)).hasSize(2);
    }

    @Test
    void aBuildRefusesADigestReferenceAndNamesATagInstead() {
        InvalidReferenceException e = catchThrowableOfType(
                () -> ImageReferences.forBuild("127.0.0.1:5000/ux/app@" + DIGEST), InvalidReferenceException.class);
        assertThat(e.getMessage()).contains("names a digest").contains("127.0.0.1:5000/ux/app:1.0")
                .contains("scratch.to.image");
    }

    @Test
    void aBadTagStatesTheTagGrammar() {
        assertThat(InvalidReferenceException.tag("-latest").getMessage()).contains("'-latest'")
                .contains("1 to 128 letters, digits, '_', '.' and '-'");
    }
}
