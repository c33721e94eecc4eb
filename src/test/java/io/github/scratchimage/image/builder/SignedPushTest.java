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
import io.github.scratchimage.image.ImageSignature;
import io.github.scratchimage.image.IndexResult;
import io.github.scratchimage.image.MultiPlatformResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.image.registry.IndexPusher;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.registry.RetryPolicy;
import io.github.scratchimage.signing.OpenSsl;
import io.github.scratchimage.signing.SigningKey;
import io.github.scratchimage.testing.LocalRegistry;
import io.github.scratchimage.testing.RecordingProxy;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed pushes against the CNCF distribution registry, read back with skopeo and verified by
 * openssl, an implementation that shares nothing with the plugin's: the {@code .sig} manifest
 * cosign reads, its payload naming the repository and the pushed digest, one signature per key
 * however often the digest is pushed, and the signature in the registry before any tag.
 */
@Tag("registry")
class SignedPushTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private ImagePlan plan;
    private ImageBuilder builder;
    private RegistryCredentials noCredentials;

    @BeforeEach
    void setUp() {
        plan = ImagePlan.builder(ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in")),
                Platform.linux("amd64")).build();
        noCredentials = new RegistryCredentials(Map.of(), work.resolve("home"));
        builder = new ImageBuilder(work.resolve("cache"), BuildListener.NONE, noCredentials);
    }

    @Test
    void signatureIsCosignsVerifiedByOpensslKeptOnRepushAndAppendedForAnotherKey() throws Exception {
        Key mine = key("mine");
        Key other = key("other");
        try (LocalRegistry registry = LocalRegistry.start()) {
            // through a relay that records the requests: their order is the proof of "tags last"
            int relay = LocalRegistry.freePort();
            java.io.File record = work.resolve("requests").toFile();
            RecordingProxy.start(record, relay, registry.port());
            String reference = "127.0.0.1:" + relay + "/team/hello:1";
            ImageResult first = push(reference, mine);
            String requests = RecordingProxy.stop(record);

            ImageSignature signature = first.signature().orElseThrow();
            String tag = first.digest().replace(':', '-') + ".sig";
            assertThat(signature.tag()).isEqualTo(tag);
            assertThat(signature.signedDigest()).isEqualTo(first.digest());
            assertThat(signature.keptAsIs()).isFalse();
            assertThat(manifestPuts(requests)).containsExactly(first.digest(), tag, "1");

            String sigReference = registry.address() + "/team/hello:" + tag;
            String raw = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + sigReference);
            assertThat(Sha256.of(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(signature.digest());
            JsonNode manifest = JSON.readTree(raw);
            assertThat(manifest.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
            assertThat(manifest.at("/config/mediaType").asText()).isEqualTo("application/vnd.oci.image.config.v1+json");
            assertThat(manifest.get("layers")).hasSize(1);
            JsonNode layer = manifest.at("/layers/0");
            assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");

            Path copied = copy(sigReference, "first");
            byte[] payload = Files.readAllBytes(blob(copied, layer.get("digest").asText()));
            JsonNode claims = JSON.readTree(payload);
            assertThat(claims.at("/critical/image/docker-manifest-digest").asText()).isEqualTo(first.digest());
            // the repository as pushed (here through the relay), without tag
            assertThat(claims.at("/critical/identity/docker-reference").asText())
                    .isEqualTo("127.0.0.1:" + relay + "/team/hello");
            assertThat(claims.at("/critical/type").asText()).isEqualTo("cosign container image signature");
            String mySignature = layer.at("/annotations/dev.cosignproject.cosign~1signature").asText();
            assertVerified(mine, payload, mySignature);
            assertRejected(other, payload, mySignature);
            // the image itself is there, by its tag
            assertThat(skopeo("inspect", "--tls-verify=false", "docker://" + registry.address() + "/team/hello:1"))
                    .contains("\"Digest\": \"" + first.digest() + "\"");

            // the same digest pushed again: our valid signature is found, nothing piles up
            String direct = registry.address() + "/team/hello:1";
            ImageResult again = push(direct, mine);
            assertThat(again.digest()).isEqualTo(first.digest());
            assertThat(again.signature().orElseThrow().keptAsIs()).isTrue();
            assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + sigReference)).isEqualTo(raw);

            // another key's signature is appended; ours stays as it was
            ImageResult byOther = push(direct, other);
            assertThat(byOther.signature().orElseThrow().keptAsIs()).isFalse();
            JsonNode both = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + sigReference));
            assertThat(both.get("layers")).hasSize(2);
            assertThat(both.at("/layers/0")).isEqualTo(layer);
            Path copiedBoth = copy(sigReference, "both");
            JsonNode otherLayer = both.at("/layers/1");
            byte[] otherPayload = Files.readAllBytes(blob(copiedBoth, otherLayer.get("digest").asText()));
            String otherSignature = otherLayer.at("/annotations/dev.cosignproject.cosign~1signature").asText();
            assertVerified(other, otherPayload, otherSignature);
            assertRejected(mine, otherPayload, otherSignature);

            // and ours again finds its own among the two
            assertThat(push(direct, mine).signature().orElseThrow().keptAsIs()).isTrue();
            assertThat(JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + sigReference))
                    .get("layers")).hasSize(2);
        }
    }

    @Test
    void indexIsSignedBeforeItsTags() throws Exception {
        Key mine = key("mine");
        try (LocalRegistry registry = LocalRegistry.start()) {
            String r = registry.address();
            ImageResult image = builder.build(plan, new RegistryTarget(r + "/ci/hello:amd64", List.of(), null, null,
                    true, false));
            assertThat(image.signature()).isEmpty();
            IndexResult index = IndexPusher.push(new RegistryTarget(r + "/ci/hello:1.0", List.of(), null, null, true,
                    false).signedWith(mine.key()), List.of(r + "/ci/hello:amd64"), BuildListener.NONE, noCredentials,
                    RetryPolicy.DEFAULT);
            ImageSignature signature = index.signature().orElseThrow();
            assertThat(signature.signedDigest()).isEqualTo(index.digest());
            assertThat(io.github.scratchimage.report.ImageReport.summary(index))
                    .isEqualTo("Pushed index " + r + "/ci/hello:1.0@" + index.digest() + " (linux/amd64, signed (tag "
                            + index.digest().replace(':', '-') + ".sig))");
            assertThat(io.github.scratchimage.report.ImageReport.json(index).get("signature")).isEqualTo(Map.of(
                    "signed", index.digest(), "tag", signature.tag(), "digest", signature.digest(), "pushed", true));
            String sigReference = r + "/ci/hello:" + signature.tag();
            JsonNode manifest = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false",
                    "docker://" + sigReference));
            JsonNode layer = manifest.at("/layers/0");
            byte[] payload = Files.readAllBytes(blob(copy(sigReference, "index"), layer.get("digest").asText()));
            assertThat(JSON.readTree(payload).at("/critical/image/docker-manifest-digest").asText())
                    .isEqualTo(index.digest());
            assertVerified(mine, payload, layer.at("/annotations/dev.cosignproject.cosign~1signature").asText());
        }
    }

    @Test
    void multiPlatformBuildSignsEachPlatformAndTheIndexBeforeTheTag() throws Exception {
        Key mine = key("mine");
        try (LocalRegistry registry = LocalRegistry.start()) {
            int relay = LocalRegistry.freePort();
            java.io.File record = work.resolve("requests").toFile();
            RecordingProxy.start(record, relay, registry.port());
            List<ImagePlan> plans = List.of(plan, ImagePlan.builder(ImageFixtures.hello(Toolchain.AARCH64_STATIC,
                    work.resolve("arm64")), Platform.linux("arm64")).build());
            MultiPlatformResult result;
            try (PreparedTarget prepared = builder.prepare(new RegistryTarget("127.0.0.1:" + relay + "/team/hello:1",
                    List.of(), null, null, true, false).signedWith(mine.key()))) {
                result = builder.buildIndex(plans, prepared);
            }
            String requests = RecordingProxy.stop(record);

            List<String> expected = new ArrayList<>();
            for (MultiPlatformResult.PlatformImage image : result.images()) {
                ImageSignature signature = image.image().signature().orElseThrow();
                assertThat(signature.signedDigest()).isEqualTo(image.image().digest());
                expected.add(image.image().digest());
                expected.add(signature.tag());
                assertSignatureVerifies(registry.address() + "/team/hello:" + signature.tag(), image.image().digest(),
                        mine, "platform-" + image.image().platform().architecture());
            }
            ImageSignature indexSignature = result.signature().orElseThrow();
            assertThat(indexSignature.signedDigest()).isEqualTo(result.digest());
            expected.addAll(List.of(result.digest(), indexSignature.tag(), "1"));
            assertThat(manifestPuts(requests)).containsExactlyElementsOf(expected);
            assertSignatureVerifies(registry.address() + "/team/hello:" + indexSignature.tag(), result.digest(), mine,
                    "index");
            assertThat(io.github.scratchimage.report.ImageReport.summary("Pushed", result))
                    .endsWith(", signed (tag " + indexSignature.tag() + "))");
        }
    }

    /** The {@code .sig} manifest at {@code sigReference} signs {@code digest}, verified by openssl with {@code key}. */
    private void assertSignatureVerifies(String sigReference, String digest, Key key, String name) throws Exception {
        JsonNode layer = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + sigReference))
                .at("/layers/0");
        byte[] payload = Files.readAllBytes(blob(copy(sigReference, name), layer.get("digest").asText()));
        assertThat(JSON.readTree(payload).at("/critical/image/docker-manifest-digest").asText()).isEqualTo(digest);
        assertVerified(key, payload, layer.at("/annotations/dev.cosignproject.cosign~1signature").asText());
    }

    /** A P-256 key made by openssl, loaded by the plugin, and its public half as openssl writes it. */
    private record Key(SigningKey key, Path publicPem) {
    }

    private Key key(String name) throws Exception {
        Path pem = work.resolve(name + ".pem");
        Path pub = work.resolve(name + ".pub");
        OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", pem.toString());
        OpenSsl.run("pkey", "-in", pem.toString(), "-pubout", "-out", pub.toString());
        return new Key(SigningKey.load(pem, Optional.empty()), pub);
    }

    private ImageResult push(String reference, Key key) throws Exception {
        return builder.build(plan, new RegistryTarget(reference, List.of(), null, null, true, false)
                .signedWith(key.key()));
    }

    private void assertVerified(Key key, byte[] payload, String base64) throws Exception {
        assertThat(verify(key, payload, base64)).isEqualTo(
                new io.github.scratchimage.testing.TestExecutables.Outcome(0, "Verified OK\n"));
    }

    private void assertRejected(Key key, byte[] payload, String base64) throws Exception {
        io.github.scratchimage.testing.TestExecutables.Outcome outcome = verify(key, payload, base64);
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("Verification failure");
    }

    /** {@code openssl dgst -sha256 -verify}: "Verified OK" or "Verification failure". */
    private io.github.scratchimage.testing.TestExecutables.Outcome verify(Key key, byte[] payload, String base64)
            throws Exception {
        Path payloadFile = Files.createTempFile(work, "payload", ".json");
        Path signature = Files.createTempFile(work, "signature", ".der");
        Files.write(payloadFile, payload);
        Files.write(signature, Base64.getDecoder().decode(base64));
        return OpenSsl.outcome("dgst", "-sha256", "-verify", key.publicPem().toString(), "-signature",
                signature.toString(), payloadFile.toString());
    }

    /** The manifest and its blobs, as skopeo copies them to a directory. */
    private Path copy(String reference, String name) {
        Path directory = work.resolve("copy-" + name);
        skopeo("copy", "--src-tls-verify=false", "docker://" + reference, "dir:" + directory);
        return directory;
    }

    private static Path blob(Path copied, String digest) {
        return copied.resolve(digest.substring("sha256:".length()));
    }

    /** Tags and digests of the manifest PUTs, in the order they were sent. */
    private static List<String> manifestPuts(String requests) {
        List<String> puts = new ArrayList<>();
        Matcher matcher = Pattern.compile("PUT /v2/team/hello/manifests/(\\S+) ").matcher(requests);
        while (matcher.find()) {
            puts.add(matcher.group(1));
        }
        return puts;
    }
}
