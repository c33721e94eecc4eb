package io.github.scratchimage.image.builder;

import static io.github.scratchimage.testing.ContainerTools.chroot;
import static io.github.scratchimage.testing.ContainerTools.skopeo;
import static io.github.scratchimage.testing.ContainerTools.unpackImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.InvalidReferenceException;
import io.github.scratchimage.image.RegistryCredential;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.registry.InsecureRegistryException;
import io.github.scratchimage.image.registry.RegistryAuthenticationException;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.registry.RegistryUnreachableException;
import io.github.scratchimage.libraries.Reason;
import io.github.scratchimage.testing.LocalRegistry;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("registry")
public class RegistryTargetTest {
    private static final String PASSWORD = "s3cret-Pa55word";

    @TempDir
    Path work;

    private ImagePlan plan;
    private ImageBuilder builder;

    @BeforeEach
    void plan() {
        plan = ImagePlan.builder(ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in")), Platform.linux("amd64"))
                .build();
        // An empty home: the developer's own docker/podman credentials must not leak into tests.
        builder = new ImageBuilder(work.resolve("cache"), BuildListener.NONE,
                new RegistryCredentials(java.util.Map.of(), work.resolve("home")));
    }

    @Test
    void pushesToAnInsecureRegistryWithExtraTagsAndTheImageRuns() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            String reference = registry.address() + "/hello:1.0";

            ImageResult result = builder.build(plan,
                    new RegistryTarget(reference, List.of("latest", "stable"), null, null, true, false));

            assertThat(result.delivered()).isTrue();
            assertThat(result.tags()).contains("1.0", "latest", "stable");
            for (String tag : List.of("1.0", "latest", "stable")) {
                assertThat(skopeo("inspect", "--tls-verify=false", "docker://" + registry.address() + "/hello:" + tag))
                        .contains("\"Digest\": \"" + result.digest() + "\"");
            }
            Path rootfs = unpackImage("docker://" + reference, work, "--src-tls-verify=false");
            assertThat(chroot(rootfs, "/app/hello")).isEqualTo("hello from scratch\n");
        }
    }

    @Test
    void unreachableRegistryFailsWithinFifteenSecondsNamingHostAndPort() {
        int port = LocalRegistry.freePort();
        long start = System.nanoTime();

        RegistryUnreachableException failure = catchThrowableOfType(RegistryUnreachableException.class,
                () -> builder.build(plan, new RegistryTarget("127.0.0.1:" + port + "/hello:1", List.of(),
                        null, null, true, false)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(failure.host()).isEqualTo("127.0.0.1");
        assertThat(failure.port()).isEqualTo(port);
        assertThat(failure.getMessage()).contains("127.0.0.1:" + port);
    }

    @Test
    void htpasswdRegistryAcceptsTheRightPasswordAndRefusesAWrongOneWithoutShowingIt() throws Exception {
        try (LocalRegistry registry = LocalRegistry.builder().htpasswd("alice", PASSWORD).start()) {
            String reference = registry.address() + "/private/hello:1";

            ImageResult pushed = builder.build(plan, new RegistryTarget(reference, List.of(),
                    new RegistryCredential("alice", PASSWORD), null, true, true));
            assertThat(skopeo("inspect", "--tls-verify=false", "--creds", "alice:" + PASSWORD, "docker://" + reference))
                    .contains(pushed.digest());

            RegistryAuthenticationException refused = catchThrowableOfType(RegistryAuthenticationException.class,
                    () -> builder.build(plan, new RegistryTarget(reference, List.of(),
                            new RegistryCredential("alice", "wrong-" + PASSWORD), null, true, true)));
            assertThat(refused.registry()).isEqualTo(registry.address());
            assertThat(refused.username()).isEqualTo("alice");
            assertThat(refused.getMessage()).contains(registry.address()).contains("alice")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void credentialOverPlainHttpNeedsExplicitConsent() {
        try (LocalRegistry registry = LocalRegistry.builder().htpasswd("alice", PASSWORD).start()) {
            InsecureRegistryException failure = catchThrowableOfType(InsecureRegistryException.class,
                    () -> builder.build(plan, new RegistryTarget(registry.address() + "/hello:1", List.of(),
                            new RegistryCredential("alice", PASSWORD), null, true, false)));

            assertThat(failure.reason()).isEqualTo(InsecureRegistryException.Reason.CREDENTIALS_OVER_HTTP);
            assertThat(failure.getMessage()).contains(registry.address()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void selfSignedTlsRegistryIsRefusedUnlessInsecureRegistriesAreAllowed() throws Exception {
        try (LocalRegistry registry = LocalRegistry.builder().tls().start()) {
            String reference = registry.address() + "/hello:1";

            InsecureRegistryException refused = catchThrowableOfType(InsecureRegistryException.class,
                    () -> builder.build(plan, new RegistryTarget(reference, List.of(), null, null, false, false)));
            assertThat(refused.reason()).isEqualTo(InsecureRegistryException.Reason.INSECURE_CONNECTION);

            ImageResult pushed = builder.build(plan, new RegistryTarget(reference, List.of(), null, null, true, false));
            assertThat(skopeo("inspect", "--tls-verify=false", "docker://" + reference)).contains(pushed.digest());
        }
    }

    @Test
    void invalidReferenceIsReportedWithTheValue() {
        InvalidReferenceException failure = catchThrowableOfType(InvalidReferenceException.class,
                () -> builder.build(plan, RegistryTarget.of("Upper/Case:tag")));
        assertThat(failure.value()).isEqualTo("Upper/Case:tag");
    }
}
