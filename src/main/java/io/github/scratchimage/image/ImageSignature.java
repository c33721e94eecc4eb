package io.github.scratchimage.image;

/**
 * The cosign signature of a pushed manifest: the signature manifest under {@code tag}
 * ({@code sha256-<hex>.sig}, in the image's repository) and that manifest's digest.
 *
 * @param signedDigest the manifest signed
 * @param keptAsIs     true when the registry held a valid signature by the same key already,
 *                     so nothing was pushed
 */
public record ImageSignature(String signedDigest, String tag, String digest, boolean keptAsIs) {
}
