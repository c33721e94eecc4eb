package io.github.scratchimage.image.registry;

import io.github.scratchimage.failure.Fault;

import io.github.scratchimage.image.ImageBuildException;

/**
 * The registry refused the credential, or demanded one and none was found. {@code username} is
 * null when no credential was sent.
 */
public class RegistryAuthenticationException extends ImageBuildException {
    private final String registry;
    private final String repository;
    private final String username;

    public RegistryAuthenticationException(String registry, String repository, String username, String detail) {
        super((username == null
                ? "registry " + registry + " requires a credential to push " + repository
                : "registry " + registry + " refused the credential of user " + username + " for " + repository)
                + (detail == null || detail.isBlank() ? "" : ": " + detail));
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
