package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import io.github.scratchimage.image.ImageReferences;
import io.github.scratchimage.image.InvalidReferenceException;
import io.github.scratchimage.image.RegistryCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a registry credential the way docker and podman store them, without Maven: the
 * {@code auths} entries (base64 {@code user:password}), {@code credsStore} and
 * {@code credHelpers} of the auth files, then the well-known credential helpers. The auth files
 * are searched in Jib's order: {@code $DOCKER_CONFIG/config.json}, {@code ~/.docker/config.json},
 * {@code ~/.docker/.dockerconfigjson}, {@code ~/.dockercfg}, then podman's
 * {@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code $XDG_CONFIG_HOME/containers/auth.json},
 * {@code ~/.config/containers/auth.json}.
 */
public final class RegistryCredentials {
    private final Map<String, String> environment;
    private final Path home;

    public RegistryCredentials(Map<String, String> environment, Path home) {
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    /** Looks in this process's environment and the user's home. */
    public static RegistryCredentials ofSystem() {
        return new RegistryCredentials(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Auth files that exist, in search order. */
    public List<Path> authFiles() {
        List<Path> candidates = new ArrayList<>();
        env("DOCKER_CONFIG").ifPresent(dir -> candidates.add(Path.of(dir, "config.json")));
        candidates.add(home.resolve(".docker/config.json"));
        candidates.add(home.resolve(".docker/.dockerconfigjson"));
        env("XDG_RUNTIME_DIR").ifPresent(dir -> candidates.add(Path.of(dir, "containers/auth.json")));
        env("XDG_CONFIG_HOME").ifPresent(dir -> candidates.add(Path.of(dir, "containers/auth.json")));
        candidates.add(home.resolve(".config/containers/auth.json"));
        return candidates.stream().filter(Files::isRegularFile).distinct().toList();
    }

    /**
     * The credential for {@code imageReference}'s registry from the auth files or the
     * well-known helpers, or empty.
     */
    public Optional<RegistryCredential> find(String imageReference) throws InvalidReferenceException {
        for (CredentialRetriever retriever : retrievers(ImageReferences.parse(imageReference))) {
            try {
                Optional<Credential> credential = retriever.retrieve();
                if (credential.isPresent()) {
                    return credential.map(c -> new RegistryCredential(c.getUsername(), c.getPassword()));
                }
            } catch (CredentialRetrievalException e) {
                // A broken helper should not hide a credential further down the list.
            }
        }
        return Optional.empty();
    }

    List<CredentialRetriever> retrievers(ImageReference reference) {
        CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(reference, event -> { }, environment);
        List<CredentialRetriever> retrievers = new ArrayList<>();
        for (Path file : authFiles()) {
            retrievers.add(factory.dockerConfig(file));
        }
        Path legacy = home.resolve(".dockercfg");
        if (Files.isRegularFile(legacy)) {
            retrievers.add(factory.legacyDockerConfig(legacy));
        }
        retrievers.add(factory.wellKnownCredentialHelpers());
        return retrievers;
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }
}
