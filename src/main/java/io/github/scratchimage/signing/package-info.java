/**
 * Signs pushed images the way {@code cosign sign --key} does, with the JDK alone: a
 * {@link io.github.scratchimage.signing.SigningKey} (ECDSA P-256, PKCS#8 PEM, optionally
 * PBES2-encrypted) signs the {@link io.github.scratchimage.signing.SimpleSigning} payload that
 * names an image's repository and manifest digest. cosign and skopeo verify the result with the
 * matching public key. No Maven types.
 */
package io.github.scratchimage.signing;
