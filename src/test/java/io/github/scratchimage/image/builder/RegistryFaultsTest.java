package io.github.scratchimage.image.builder;

import static io.github.scratchimage.testing.ContainerTools.chroot;
import static io.github.scratchimage.testing.ContainerTools.skopeo;
import static io.github.scratchimage.testing.ContainerTools.unpackImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.RegistryCredential;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.registry.RegistryAuthenticationException;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.registry.RegistryStalledException;
import io.github.scratchimage.image.registry.RegistryUnreachableException;
import io.github.scratchimage.image.registry.RetryPolicy;
import io.github.scratchimage.testing.FaultyProxy.Fault;
import io.github.scratchimage.testing.FaultyProxy;
import io.github.scratchimage.testing.LocalRegistry;
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

/**
 * Each fault a registry or the network can throw at a push, injected by a proxy between the
 * builder and a real registry. A first image is pushed cleanly; then the fault is set and a second
 * image is pushed. Either the push recovers (the tag names the second image, which runs) or it
 * fails within 15 s naming the registry and the step, and the tag still names the first image.
 */
@Tag("registry")
public class RegistryFaultsTest {
    /** Fewer seconds than Jib's 20 s default, so the stall case does not dominate the suite. */
    private static final int HTTP_TIMEOUT_MILLIS = 3000;
    private static final Duration BOUND = Duration.ofSeconds(15);

    private static LocalRegistry registry;
    private static String previousTimeout;

    @TempDir
    Path work;

    private FaultyProxy proxy;
    private ImageFixtures.RecordingListener listener;
    private String repository;
    private String firstDigest;
    /** Send a credential (over HTTP, allowed): the 401 cases need one to re-send. */
    private boolean withCredential;
    /** Sign the second push when set. */
    private io.github.scratchimage.signing.SigningKey signingKey;

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
        // A repository per test: the registry links blobs per repository, so a blob pushed by an
        // earlier test is not "already there" for this one and the fault is reached.
        repository = "faults/" + test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT);
        proxy = FaultyProxy.to(registry.port());
        listener = new ImageFixtures.RecordingListener();
        firstDigest = builder().build(plan("first image!"), target()).digest();
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void a503OnTheManifestIsRetried() throws Exception {
        // The manifest, not a blob: a 503 that cuts a blob's body short is a broken pipe, which
        // Jib's HTTP client retries itself; a manifest is sent whole first, so this is ours.
        proxy.inject(Fault.STATUS_503, "^PUT /v2/.*/manifests/", 1, 1);

        assertRecovered();
        assertThat(listener.lines).anyMatch(line -> line.contains("HTTP 503") && line.contains("trying again"));
    }

    @Test
    void aConnectionResetMidUploadIsRetriedWithAFreshUpload() throws Exception {
        proxy.inject(Fault.RESET_MID_UPLOAD, "^PATCH /v2/", 1, 1);

        assertRecovered();
        assertThat(proxy.requests().stream().filter(line -> line.startsWith("POST /v2/")).count())
                .as("uploads started: %s", proxy.requests()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTruncatedAnswerToTheBlobCommitIsRetried() throws Exception {
        proxy.inject(Fault.TRUNCATE_RESPONSE, "^PUT /v2/.*/blobs/uploads/", 1, 1);

        assertRecovered();
    }

    @Test
    void a401InTheMiddleOfThePushAuthenticatesAgainOnce() throws Exception {
        withCredential = true;
        proxy.inject(Fault.STATUS_401, "^PUT /v2/.*/manifests/", 1, 1);

        assertRecovered();
        assertThat(listener.lines).anyMatch(line -> line.contains("authenticating again"));
    }

    @Test
    void aManifestThatKeepsFailingWith500LeavesTheTagOnThePreviousImage() {
        proxy.inject(Fault.STATUS_500, "^PUT /v2/.*/manifests/", 1, 100);

        ImageBuildException failure = assertFailsInTime();

        assertThat(failure.getMessage()).contains(proxy.address()).contains("the manifest for tag 1")
                .contains("HTTP 500").contains("kept failing on its side, after retries");
    }

    @Test
    void aSignatureTheRegistryKeepsRefusingMovesNoTag() throws Exception {
        Path key = work.resolve("cosign-key.pem");
        io.github.scratchimage.signing.OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-out", key.toString());
        signingKey = io.github.scratchimage.signing.SigningKey.load(key, java.util.Optional.empty());
        proxy.inject(Fault.STATUS_500, "^PUT /v2/.*/manifests/sha256-[0-9a-f]{64}\\.sig ", 1, 100);

        ImageBuildException failure = assertFailsInTime();

        assertThat(failure.getMessage()).contains(proxy.address()).contains("pushing the signature sha256-")
                .contains("HTTP 500");
        assertThat(proxy.requests()).as("the tag is never written").noneMatch(line -> line.startsWith(
                "PUT /v2/" + repository + "/manifests/1 "));
    }

    @Test
    void aRateLimitThatPersistsFailsSayingToWait() {
        proxy.inject(Fault.STATUS_429, "^PUT /v2/.*/manifests/", 1, 100);

        ImageBuildException failure = assertFailsInTime();

        assertThat(failure.getMessage()).contains("HTTP 429").contains("limits how fast it may be called");
        assertThat(proxy.requests().stream().filter(line -> line.matches("^PUT /v2/.*/manifests/.*")))
                .as("tried again, as a 429 is transient").hasSize(3);
    }

    @Test
    void aBlobTooLargeForAProxyFailsNamingTheLimitToRaise() {
        proxy.inject(Fault.STATUS_413, "^PATCH /v2/", 1, 100);

        ImageBuildException failure = assertFailsInTime();

        assertThat(failure.getMessage()).contains(proxy.address()).contains("HTTP 413")
                .contains("client_max_body_size");
    }

    @Test
    void aBlobThatKeepsFailingWith503NeverReachesTheTag() {
        proxy.inject(Fault.STATUS_503, "^PATCH /v2/", 1, 100);

        ImageBuildException failure = assertFailsInTime();

        assertThat(failure.getMessage()).contains(proxy.address()).contains("blob sha256:").contains("HTTP 503");
        assertThat(proxy.requests()).noneMatch(line -> line.contains("/manifests/"));
    }

    @Test
    void a401ThatPersistsIsAnAuthenticationFailure() {
        withCredential = true;
        proxy.inject(Fault.STATUS_401, "^PATCH /v2/", 1, 100);

        ImageBuildException failure = assertFailsInTime();

        assertThat(failure).isInstanceOf(RegistryAuthenticationException.class);
        assertThat(failure.getMessage()).contains(proxy.address());
    }

    @Test
    void aStalledManifestUploadFailsAfterTheHttpTimeout() {
        proxy.inject(Fault.STALL, "^PUT /v2/.*/manifests/", 1, 100);

        ImageBuildException failure = assertFailsInTime();

        assertThat(failure.getMessage()).contains(proxy.address()).contains("the manifest for tag 1")
                .contains("jib.httpTimeout");
    }

    @Test
    void aStalledAuthenticationFailsAfterTheHttpTimeoutNamingTheStep() {
        // The connection is made in the background while the layer is compressed; a registry that
        // never answers it still fails the build within the bound, naming that step.
        proxy.inject(Fault.STALL, "^GET /v2/", 1, 100);

        ImageBuildException failure = assertFailsInTime();

        assertThat(failure).isInstanceOf(RegistryStalledException.class);
        assertThat(failure.getMessage()).contains(proxy.address()).contains("authenticating");
    }

    @Test
    void thePushConnectsWhileTheCallerWorksAndWritesNothingBeforeTheBuild() throws Exception {
        proxy.inject(Fault.STATUS_500, "(?!)", 1, 1); // no fault: only to start recording afresh
        ImageBuilder builder = builder();
        try (PreparedTarget prepared = builder.prepare(target())) {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (proxy.requests().stream().noneMatch(line -> line.startsWith("GET /v2/"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(proxy.requests()).as("before build()").anyMatch(line -> line.startsWith("GET /v2/"))
                    .allMatch(line -> !line.startsWith("POST") && !line.startsWith("PUT")
                            && !line.startsWith("PATCH") && !line.startsWith("HEAD"));

            ImageResult second = builder.build(plan("second image"), prepared);

            assertThat(tagDigest()).isEqualTo(second.digest());
        }
    }

    @Test
    void aPreparedTargetClosedWithoutABuildLeavesTheTagAlone() throws Exception {
        proxy.inject(Fault.STATUS_500, "(?!)", 1, 1);
        try (PreparedTarget prepared = builder().prepare(target())) {
            Thread.sleep(300); // the connection is on its way, as when the executable's check fails
        }
        Thread.sleep(300);

        assertThat(proxy.requests()).allMatch(line -> line.startsWith("GET /v2/") || !line.matches("^[A-Z]+ /.*"));
        assertThat(tagDigest()).isEqualTo(firstDigest);
    }

    @Test
    void aRegistryThatStopsAcceptingConnectionsFailsNamingHostAndPort() {
        proxy.inject(Fault.REFUSE, "", 1, 1);

        ImageBuildException failure = assertFailsInTime();

        assertThat(failure).isInstanceOf(RegistryUnreachableException.class);
        assertThat(failure.getMessage()).contains(proxy.address());
    }

    private void assertRecovered() throws Exception {
        long started = System.nanoTime();
        ImageResult second = builder().build(plan("second image"), target());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);

        assertThat(second.digest()).isNotEqualTo(firstDigest);
        assertThat(tagDigest()).isEqualTo(second.digest());
        Path rootfs = unpackImage("docker://" + registry.address() + "/" + repository + ":1", work,
                "--src-tls-verify=false");
        assertThat(chroot(rootfs, "/app/hello")).isEqualTo("second image\n");
    }

    private ImageBuildException assertFailsInTime() {
        long started = System.nanoTime();
        ImageBuildException failure = catchThrowableOfType(
                () -> builder().build(plan("second image"), target()), ImageBuildException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure).as("requests: %s", proxy.requests()).isNotNull();
        assertThat(took).as("requests: %s", proxy.requests()).isLessThan(BOUND);
        assertThat(tagDigest()).as("the tag after a failed push").isEqualTo(firstDigest);
        return failure;
    }

    private String tagDigest() {
        String inspect = skopeo("inspect", "--tls-verify=false", "docker://" + registry.address() + "/" + repository + ":1");
        int start = inspect.indexOf("\"Digest\": \"") + "\"Digest\": \"".length();
        return inspect.substring(start, inspect.indexOf('"', start));
    }

    private ImagePlan plan(String text) {
        Path executable = ImageFixtures.copyAs(ImageFixtures.printing(text), work.resolve(text.replace(' ', '-'))
                .resolve("hello"));
        return ImagePlan.builder(executable, Platform.linux("amd64")).build();
    }

    private RegistryTarget target() {
        RegistryTarget target = withCredential
                ? new RegistryTarget(proxy.address() + "/" + repository + ":1", List.of(),
                        new RegistryCredential("ci", "not-checked-by-this-registry"), null, true, true)
                : new RegistryTarget(proxy.address() + "/" + repository + ":1", List.of(), null, null, true, false);
        return signingKey == null ? target : target.signedWith(signingKey);
    }

    private ImageBuilder builder() {
        // Half-second pauses: the policy's shape is what is tested, not its production pauses.
        return new ImageBuilder(work.resolve("cache"), listener, new RegistryCredentials(Map.of(), work.resolve("home")))
                .withRetries(new RetryPolicy(3, Duration.ofMillis(500)));
    }
}
