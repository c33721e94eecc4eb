package io.github.scratchimage.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.builder.ImageBuilder;
import io.github.scratchimage.image.events.Messages;
import io.github.scratchimage.image.registry.RegistryEndpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ImagePlanTest {
    private final Path executable = Path.of("/build/target/server");

    @Test
    void defaultsPutTheExecutableUnderAppAndRunItAsNonRoot() {
        ImagePlan plan = ImagePlan.builder(executable, Platform.linux("amd64")).build();

        assertThat(plan.targetPath()).isEqualTo("/app/server");
        assertThat(plan.entrypoint()).containsExactly("/app/server");
        assertThat(plan.user()).isEqualTo("65532:65532");
        assertThat(plan.format()).isEqualTo(ImageFormat.OCI);
        assertThat(plan.creationTime()).isEqualTo(Instant.EPOCH);
        assertThat(plan.filesModificationTime()).isEqualTo(Instant.EPOCH);
        assertThat(plan.workingDirectory()).isEmpty();
        assertThat(plan.extraLayersBefore()).isEmpty();
    }

    @Test
    void entrypointFollowsACustomAppRoot() {
        ImagePlan plan = ImagePlan.builder(executable, Platform.linux("arm64")).appRoot("/opt/bin/").build();

        assertThat(plan.targetPath()).isEqualTo("/opt/bin/server");
        assertThat(plan.entrypoint()).containsExactly("/opt/bin/server");
    }

    @Test
    void environmentAndLabelsKeepTheirOrder() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("Z", "1");
        env.put("A", "2");
        ImagePlan plan = ImagePlan.builder(executable, Platform.linux("amd64")).environment(env).build();

        assertThat(plan.environment().keySet()).containsExactly("Z", "A");
    }

    @Test
    void relativePathsAndBadModesAreRejected() {
        assertThatThrownBy(() -> ImagePlan.builder(executable, Platform.linux("amd64")).appRoot("app").build())
                .hasMessageContaining("app");
        assertThatThrownBy(() -> new LayerFile(Path.of("x"), "lib/x.so", "644")).hasMessageContaining("lib/x.so");
        assertThatThrownBy(() -> new LayerFile(Path.of("x"), "/lib/x.so", "rw-")).hasMessageContaining("rw-");
        assertThatThrownBy(() -> ImagePlan.builder(executable, Platform.linux("amd64"))
                .exposedPorts(List.of("8080", "70000")).build()).hasMessageContaining("'70000'");
        assertThatThrownBy(() -> ImagePlan.builder(executable, Platform.linux("amd64"))
                .exposedPorts(List.of("http")).build()).hasMessageContaining("'http'");
    }

    @Test
    void credentialNeverPrintsItsPassword() {
        assertThat(new RegistryCredential("u", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void cacheDirectoryFollowsXdgCacheHome() {
        assertThat(ImageBuilder.defaultCacheDirectory(Map.of("XDG_CACHE_HOME", "/xdg"), Path.of("/home/u")))
                .isEqualTo(Path.of("/xdg/scratch-maven-plugin"));
        assertThat(ImageBuilder.defaultCacheDirectory(Map.of(), Path.of("/home/u")))
                .isEqualTo(Path.of("/home/u/.cache/scratch-maven-plugin"));
    }

    @Test
    void jibColourCodesAndSecretsAreRemovedFromMessages() {
        assertThat(Messages.clean("\u001B[31mfailed for hunter2\u001B[0m", "hunter2")).isEqualTo("failed for ****");
    }

    @Test
    void registryPartsParse() {
        assertThat(RegistryEndpoint.parse("ghcr.io")).isEqualTo(new RegistryEndpoint("ghcr.io", 443, false));
        assertThat(RegistryEndpoint.parse("127.0.0.1:5000")).isEqualTo(new RegistryEndpoint("127.0.0.1", 5000, true));
        assertThat(RegistryEndpoint.parse("[::1]:5000")).isEqualTo(new RegistryEndpoint("::1", 5000, true));
    }
}
