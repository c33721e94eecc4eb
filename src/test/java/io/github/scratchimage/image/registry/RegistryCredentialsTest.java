package io.github.scratchimage.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.RegistryCredential;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.builder.ImageBuilder;
import io.github.scratchimage.testing.LocalRegistry;
import io.github.scratchimage.testing.Toolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class RegistryCredentialsTest {
    @TempDir
    Path work;

    @Test
    void findsDockerConfigAuthsEntry() throws Exception {
        Path home = work.resolve("home");
        writeAuthFile(home.resolve(".docker/config.json"), "registry.example.com", "bob", "pw-docker");

        RegistryCredentials credentials = new RegistryCredentials(Map.of(), home);

        assertThat(credentials.find("registry.example.com/team/app:1"))
                .contains(new RegistryCredential("bob", "pw-docker"));
        assertThat(credentials.find("other.example.com/app:1")).isEmpty();
    }

    @Test
    void findsPodmanAuthFileUnderXdgRuntimeDir() throws Exception {
        Path runtime = work.resolve("run");
        writeAuthFile(runtime.resolve("containers/auth.json"), "quay.example.org", "carol", "pw-podman");

        RegistryCredentials credentials = new RegistryCredentials(
                Map.of("XDG_RUNTIME_DIR", runtime.toString()), work.resolve("empty-home"));

        assertThat(credentials.authFiles()).containsExactly(runtime.resolve("containers/auth.json"));
        assertThat(credentials.find("quay.example.org/app")).contains(new RegistryCredential("carol", "pw-podman"));
    }

    @Test
    void dockerConfigComesBeforePodmanAuthFile() {
        Path home = work.resolve("home");
        writeAuthFile(home.resolve(".docker/config.json"), "r.example", "docker-user", "a");
        writeAuthFile(work.resolve("run/containers/auth.json"), "r.example", "podman-user", "b");

        RegistryCredentials credentials = new RegistryCredentials(
                Map.of("XDG_RUNTIME_DIR", work.resolve("run").toString()), home);

        assertThat(credentials.authFiles()).containsExactly(home.resolve(".docker/config.json"),
                work.resolve("run/containers/auth.json"));
    }

    @Test
    void pushUsesTheCredentialFromTheAuthFileWhenNoneIsGiven() throws Exception {
        Path home = work.resolve("home");
        try (LocalRegistry registry = LocalRegistry.builder().htpasswd("dave", "pw-file").start()) {
            writeAuthFile(home.resolve(".docker/config.json"), registry.address(), "dave", "pw-file");
            ImageBuilder builder = new ImageBuilder(work.resolve("cache"), BuildListener.NONE,
                    new RegistryCredentials(Map.of(), home));
            ImagePlan plan = ImagePlan.builder(ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in")),
                    Platform.linux("amd64")).build();

            ImageResult result = builder.build(plan,
                    new RegistryTarget(registry.address() + "/hello:1", List.of(), null, null, true, true));

            assertThat(result.delivered()).isTrue();
        }
    }

    @Test
    void jibsOrderExplicitThenHelperThenConfiguredThenAuthFiles() throws Exception {
        Path home = work.resolve("home");
        writeAuthFile(home.resolve(".docker/config.json"), "registry.example.com", "file-user", "pw-file");
        Path helper = work.resolve("docker-credential-it");
        Files.writeString(helper, "#!/bin/sh\ncat >/dev/null\n"
                + "echo '{\"ServerURL\":\"registry.example.com\",\"Username\":\"helper-user\",\"Secret\":\"pw-helper\"}'\n");
        helper.toFile().setExecutable(true);
        RegistryCredentials lookup = new RegistryCredentials(Map.of(), home);
        com.google.cloud.tools.jib.api.ImageReference reference =
                com.google.cloud.tools.jib.api.ImageReference.parse("registry.example.com/team/app:1");
        RegistryCredential explicit = new RegistryCredential("pom-user", "pw-pom");
        RegistryCredential settings = new RegistryCredential("settings-user", "pw-settings");

        assertThat(username(new CredentialChain(explicit, helper.toString(), settings, reference, lookup)))
                .isEqualTo("pom-user");
        assertThat(username(new CredentialChain(null, helper.toString(), settings, reference, lookup)))
                .isEqualTo("helper-user");
        assertThat(username(new CredentialChain(null, null, settings, reference, lookup)))
                .isEqualTo("settings-user");
        assertThat(username(new CredentialChain(null, null, null, reference, lookup)))
                .isEqualTo("file-user");
    }

    private static String username(CredentialChain retriever) throws Exception {
        return retriever.retrieve().orElseThrow().getUsername();
    }

    private static void writeAuthFile(Path file, String registry, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
