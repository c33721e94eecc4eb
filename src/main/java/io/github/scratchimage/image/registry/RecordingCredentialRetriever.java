package io.github.scratchimage.image.registry;

import io.github.scratchimage.image.RegistryCredential;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tries the credential sources in Jib's order (explicit credential, credential helper, the
 * build's configured credential such as a settings.xml server, auth files, well-known helpers) and remembers which credential was handed to Jib: an authentication
 * failure can then name the user, and every message can be scrubbed of the password.
 */
public final class RecordingCredentialRetriever implements CredentialRetriever {
    private static final String HELPER_PREFIX = "docker-credential-";

    private final List<CredentialRetriever> sources = new ArrayList<>();
    private final RegistryCredential explicit;
    private volatile Credential found;

    public RecordingCredentialRetriever(RegistryCredential explicit, String credentialHelper, RegistryCredential configured,
            ImageReference reference, RegistryCredentials lookup) {
        this.explicit = explicit;
        if (explicit == null) {
            if (credentialHelper != null && !credentialHelper.isBlank()) {
                CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(reference, event -> { });
                sources.add(credentialHelper.contains("/")
                        ? factory.dockerCredentialHelper(java.nio.file.Path.of(credentialHelper))
                        : factory.dockerCredentialHelper(credentialHelper.startsWith(HELPER_PREFIX)
                                ? credentialHelper : HELPER_PREFIX + credentialHelper));
            }
            if (configured != null) {
                sources.add(() -> Optional.of(Credential.from(configured.username(), configured.password())));
            }
            sources.addAll(lookup.retrievers(reference));
        }
    }

    @Override
    public Optional<Credential> retrieve() throws CredentialRetrievalException {
        if (explicit != null) {
            found = Credential.from(explicit.username(), explicit.password());
            return Optional.of(found);
        }
        for (CredentialRetriever source : sources) {
            Optional<Credential> credential = source.retrieve();
            if (credential.isPresent()) {
                found = credential.get();
                return credential;
            }
        }
        return Optional.empty();
    }

    /** User name of the credential used, or null when none was needed or found. */
    String username() {
        if (explicit != null) {
            return explicit.username();
        }
        Credential credential = found;
        return credential == null ? null : credential.getUsername();
    }

    /** The password to scrub from messages; the explicit one is known before Jib asks. */
    String password() {
        if (explicit != null) {
            return explicit.password();
        }
        Credential credential = found;
        return credential == null ? null : credential.getPassword();
    }
}
