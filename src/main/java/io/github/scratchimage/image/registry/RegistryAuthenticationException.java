package io.github.scratchimage.image.registry;

import io.github.scratchimage.failure.Fault;
import io.github.scratchimage.image.ImageBuildException;
import java.util.List;

/**
 * The registry refused the credential, or demanded one and none was found. {@code username} is
 * null when no credential was sent.
 */
public class RegistryAuthenticationException extends ImageBuildException {
    private final String registry;
    private final String repository;
    private final String username;

    public RegistryAuthenticationException(String registry, String repository, String username,
            List<String> credentialSources) {
        super((username == null ? "No credentials were found" : "The credentials of user " + username
                + " were refused") + " for registry " + registry + " (pushing " + repository + "). Looked in: "
                + String.join("; ", credentialSources) + ". Fix the <server> in settings.xml (its <id> must be "
                + registry + "), <to><auth>, or log in with docker/podman login");
        this.registry = registry;
        this.repository = repository;
        this.username = username;
    }

    public String registry() {
        return registry;
    }

    public String repository() {
        return repository;
    }

    /** The user name that was refused, or null when none was sent. */
    public String username() {
        return username;
    }

    @Override
    public Fault fault() {
        return Fault.USER;
    }
}
