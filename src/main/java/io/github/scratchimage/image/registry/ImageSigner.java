package io.github.scratchimage.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.scratchimage.image.ImageSignature;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.image.manifest.SignatureManifest;
import io.github.scratchimage.signing.SigningKey;
import io.github.scratchimage.signing.SimpleSigning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.DigestException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signs a manifest already pushed to the target repository as {@code cosign sign --key} does: the
 * simple-signing payload naming the repository and the digest, signed with the key, appended as
 * a layer to the signature manifest under {@code sha256-<hex>.sig}. One call per digest, so an
 * image, an index and each manifest of a multi-platform build are signed alike.
 *
 * <p>Signing again is idempotent: a signature manifest that already holds a valid signature by
 * this key for this digest is kept as it is (ECDSA signatures differ each time, so a re-sign
 * would pile up layers). Other keys' signatures are kept and ours appended, as cosign does.
 */
final class ImageSigner {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A payload is about 250 bytes; a layer declaring more is not one we could have written. */
    private static final long MAX_PAYLOAD_SIZE = 64 * 1024;

    private final SigningKey key;
    private final String identity;

    ImageSigner(SigningKey key, ImageReference repository) {
        this.key = key;
        this.identity = identity(repository);
    }

    /**
     * The repository as a signature names it, {@code registry/repository}: Docker Hub as
     * {@code docker.io}, the name {@code skopeo} and {@code podman} compare with a
     * {@code matchRepository} policy, where Jib says {@code registry-1.docker.io}.
     */
    static String identity(ImageReference reference) {
        String registry = reference.getRegistry().equals("registry-1.docker.io") ? "docker.io"
                : reference.getRegistry();
        return registry + "/" + reference.getRepository();
    }

    /** Signs {@code digest}, a manifest in the session's target repository. */
    ImageSignature sign(RegistryPusher.Session session, String digest) throws IOException, RegistryException {
        String tag = SimpleSigning.signatureTag(digest);
        String repository = session.repository();
        AtomicReference<Optional<RawManifests.Pulled>> existing = new AtomicReference<>();
        session.step("reading the signatures " + tag, session.target(), true,
                () -> existing.set(RawManifests.pull(session.target(), repository, tag)));
        SignatureManifest manifest = SignatureManifest.empty();
        if (existing.get().isPresent()) {
            try {
                manifest = SignatureManifest.parse(existing.get().get().bytes());
            } catch (IOException e) {
                throw new IOException("the registry holds something that is not a signature manifest at "
                        + repository + ":" + tag + " (" + e.getMessage() + "); delete that tag, or sign another"
                        + " repository", e);
            }
            if (alreadySigned(session, manifest, digest)) {
                session.events().onLog(LogEvent.lifecycle("The signature of " + digest + " by this key is in "
                        + tag + " already; kept as it is"));
                return new ImageSignature(digest, tag, existing.get().get().digest(), true);
            }
        }
        byte[] payload = SimpleSigning.payload(identity, digest);
        SignatureManifest signed = manifest.with(payload, key.sign(payload));
        byte[] config = signed.config();
        session.pushSmallBlob("pushing the signature payload of " + digest, payload);
        session.pushSmallBlob("pushing the signature config of " + digest, config);
        byte[] bytes = signed.bytes();
        String manifestDigest = Sha256.of(bytes);
        session.step("pushing the signature " + tag, session.target(), true, () -> {
            Optional<String> stored = RawManifests.push(session.target(), repository, tag, bytes, signed.mediaType());
            if (stored.isPresent() && !stored.get().equals(manifestDigest)) {
                throw new IOException("the registry stored " + stored.get() + " for the signature manifest "
                        + manifestDigest);
            }
        });
        return new ImageSignature(digest, tag, manifestDigest, false);
    }

    /** A layer whose payload names {@code digest} and whose signature this key verifies. */
    private boolean alreadySigned(RegistryPusher.Session session, SignatureManifest manifest, String digest)
            throws IOException, RegistryException {
        for (SignatureManifest.Signature signature : manifest.signatures()) {
            if (signature.payloadSize() > MAX_PAYLOAD_SIZE) {
                continue;
            }
            byte[] payload = pullPayload(session, signature.payloadDigest());
            if (payload != null && digest.equals(signedDigest(payload)) && key.verifies(payload, signature.signature())) {
                return true;
            }
        }
        return false;
    }

    /** The payload blob, or null when the registry no longer has it. */
    private static byte[] pullPayload(RegistryPusher.Session session, String payloadDigest)
            throws IOException, RegistryException {
        DescriptorDigest descriptor;
        try {
            descriptor = DescriptorDigest.fromDigest(payloadDigest);
        } catch (DigestException e) {
            return null; // another tool's layer with a digest we cannot read: not ours
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean[] present = {false};
        session.step("reading the signature payload " + payloadDigest, session.target(), true, () -> {
            out.reset();
            present[0] = session.target().checkBlob(descriptor).isPresent();
            if (present[0]) {
                session.target().pullBlob(descriptor, size -> { }, bytes -> session.touch()).writeTo(out);
            }
        });
        byte[] payload = out.toByteArray();
        return present[0] && Sha256.of(payload).equals(payloadDigest) ? payload : null;
    }

    /** {@code critical.image.docker-manifest-digest} of a payload, or null when it has none. */
    private static String signedDigest(byte[] payload) {
        try {
            JsonNode digest = JSON.readTree(payload).path("critical").path("image").path("docker-manifest-digest");
            return digest.isTextual() ? digest.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
