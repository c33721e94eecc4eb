package io.github.scratchimage.signing;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The "simple signing" payload cosign signs for an image (containers-signature(5) JSON, with the
 * type cosign writes), byte for byte as cosign marshals it: Go's encoding/json over structs, so
 * keys in declaration order, no spaces, and {@code "optional":null} when there are no annotations.
 * containers/image (skopeo, podman) accepts exactly this shape with a {@code sigstoreSigned}
 * policy. Both values are validated to characters JSON writes unescaped, so the payload is plain
 * concatenation and cannot differ from Go's output by an escape.
 */
public final class SimpleSigning {
    /** The media type of the signature layer that carries the payload. */
    public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    /** The layer annotation that carries {@link SigningKey#sign}'s base64 signature. */
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String TYPE = "cosign container image signature";

    /** docker/distribution's reference grammar for a repository name, with an optional tag. */
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*(?::[\\w][\\w.-]{0,127})?");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private SimpleSigning() {
    }

    /**
     * The payload for the manifest {@code manifestDigest} ({@code sha256:} and 64 lowercase hex
     * digits) under {@code dockerReference}. cosign names the repository without tag or digest,
     * {@code registry.example.com/team/app}; that is what a {@code matchRepository} or
     * {@code matchRepoDigestOrExact} policy compares.
     */
    public static byte[] payload(String dockerReference, String manifestDigest) {
        if (dockerReference == null || dockerReference.length() > 255
                || !REFERENCE.matcher(dockerReference).matches()) {
            throw new IllegalArgumentException("\"" + dockerReference + "\" is not a docker reference a signature"
                    + " can name: give the repository, lowercase, without a digest, such as"
                    + " registry.example.com/team/app");
        }
        if (manifestDigest == null || !DIGEST.matcher(manifestDigest).matches()) {
            throw new IllegalArgumentException("\"" + manifestDigest + "\" is not a manifest digest: give the"
                    + " digest the registry reported for the pushed manifest, sha256: and 64 lowercase hex digits");
        }
        String json = "{\"critical\":{\"identity\":{\"docker-reference\":\"" + dockerReference + "\"},"
                + "\"image\":{\"docker-manifest-digest\":\"" + manifestDigest + "\"},"
                + "\"type\":\"" + TYPE + "\"},\"optional\":null}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The tag cosign stores a manifest's signatures under: {@code sha256-<hex>.sig}. */
    public static String signatureTag(String manifestDigest) {
        if (manifestDigest == null || !DIGEST.matcher(manifestDigest).matches()) {
            throw new IllegalArgumentException("\"" + manifestDigest + "\" is not a manifest digest:"
                    + " sha256: and 64 lowercase hex digits");
        }
        return manifestDigest.replace(':', '-') + ".sig";
    }
}
