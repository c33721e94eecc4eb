package io.github.scratchimage.maven;

import java.io.File;

/**
 * {@code <signing>}: the key that signs what {@code build} and {@code index} push, in cosign's
 * key-based format. The passphrase of an encrypted key is never configured here.
 */
public class SigningConfiguration {
    /** An ECDSA P-256 private key, PKCS#8 PEM, plain or encrypted ({@code scratch.signing.keyFile}). */
    File keyFile;
    /** The settings.xml {@code <server>} whose {@code <passphrase>} or {@code <password>} decrypts the key. */
    String serverId;
}
