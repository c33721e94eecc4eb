package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import io.github.scratchimage.image.RegistryCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a push looks for a credential, first found wins, in Jib's order: {@code <to><auth>};
 * {@code <to><credHelper>}; the settings.xml {@code <server>} whose id is the registry host
 * (with {@code :port} when the reference has one); docker {@code config.json} and podman
 * {@code auth.json}; the well-known credential helpers. This class is the one statement of that
 * order: {@link #sources} describes it for the message of a refused or missing credential.
 */
public final class CredentialChain implements CredentialRetriever {
    private static final String HELPER_PREFIX = "docker-credential-";

    private final List<CredentialRetriever> sources = new ArrayList<>();
    private final RegistryCredential explicit;
    private final String credentialHelper;
    private final RegistryCredential configured;
    private final RegistryCredentials lookup;
    private volatile Credential found;

    public CredentialChain(RegistryCredential explicit, String credentialHelper, RegistryCredential configured,
            ImageReference reference, RegistryCredentials lookup) {
        this.explicit = explicit;
        this.credentialHelper = credentialHelper;
        this.configured = configured;
        this.lookup = lookup;
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

    /** Every place looked in, in order, with what was found there where it is known before the push. */
    public List<String> sources(String registry) {
        List<String> described = new ArrayList<>();
        described.add("<to><auth>" + (explicit != null ? " (user " + explicit.username() + ")" : " (not set)"));
        if (credentialHelper != null && !credentialHelper.isBlank()) {
            described.add("<to><credHelper> " + credentialHelper);
        }
        described.add("settings.xml <server> with id '" + registry + "'"
                + (configured != null ? " (user " + configured.username() + ")" : " (none)"));
        described.add("docker config.json and podman auth.json ("
                + String.join(", ", lookup.authFiles().stream().map(Object::toString).toList()) + ")");
        described.add("the well-known docker credential helpers");
        return described;
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
