package io.github.scratchimage.image;

import io.github.scratchimage.signing.SigningKey;
import java.util.List;

/**
 * Push to a registry.
 *
 * @param reference                the image, e.g. {@code ghcr.io/org/app:1.0}
 * @param extraTags                further tags pushed with the same manifest
 * @param credential               explicit credential, or {@code null} to look one up
 *                                 ({@link RegistryCredentials})
 * @param credentialHelper         a {@code docker-credential-*} helper name or path, or {@code null}
 * @param configuredCredential     a credential from the build's configuration (Maven's
 *                                 settings.xml), tried after the helper and before the auth
 *                                 files, as Jib orders them; or {@code null}
 * @param allowInsecureRegistries  allow plain HTTP and unverified certificates
 * @param sendCredentialsOverHttp  send the credential over plain HTTP (needs the previous one)
 * @param signingKey               signs the pushed manifest, cosign-style ({@link ImageSignature}),
 *                                 before any tag names it; or {@code null} for an unsigned push
 */
public record RegistryTarget(
        String reference,
        List<String> extraTags,
        RegistryCredential credential,
        String credentialHelper,
        RegistryCredential configuredCredential,
        boolean allowInsecureRegistries,
        boolean sendCredentialsOverHttp,
        SigningKey signingKey) implements Target {

    public RegistryTarget {
        extraTags = List.copyOf(extraTags);
    }

    /** Unsigned. */
    public RegistryTarget(String reference, List<String> extraTags, RegistryCredential credential,
            String credentialHelper, RegistryCredential configuredCredential, boolean allowInsecureRegistries,
            boolean sendCredentialsOverHttp) {
        this(reference, extraTags, credential, credentialHelper, configuredCredential, allowInsecureRegistries,
                sendCredentialsOverHttp, null);
    }

    /** This target, its pushes signed with {@code key}. */
    public RegistryTarget signedWith(SigningKey key) {
        return new RegistryTarget(reference, extraTags, credential, credentialHelper, configuredCredential,
                allowInsecureRegistries, sendCredentialsOverHttp, key);
    }

    /** Without a credential from the build's configuration. */
    public RegistryTarget(String reference, List<String> extraTags, RegistryCredential credential,
            String credentialHelper, boolean allowInsecureRegistries, boolean sendCredentialsOverHttp) {
        this(reference, extraTags, credential, credentialHelper, null, allowInsecureRegistries,
                sendCredentialsOverHttp);
    }

    /** A target with no extra tags, credentials looked up, TLS required. */
    public static RegistryTarget of(String reference) {
        return new RegistryTarget(reference, List.of(), null, null, false, false);
    }
}
