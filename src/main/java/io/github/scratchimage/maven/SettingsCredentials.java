package io.github.scratchimage.maven;

import io.github.scratchimage.failure.InvalidInputException;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry credentials from settings.xml: the {@code <server>} whose {@code <id>} is the registry
 * host, with {@code :port} when the image reference has one (Jib's convention), decrypted through
 * Maven's SettingsDecrypter so {@code {...}}-encrypted passwords work; and any other server
 * decrypted alike ({@link #server}), such as the one holding the signing key's passphrase.
 */
final class SettingsCredentials {
    /** A username and password found for a registry, and where they came from (never the password). */
    record Found(String username, String password, String source) {
        @Override
        public String toString() {
            return "credentials for " + username + " from " + source;
        }
    }

    private SettingsCredentials() {
    }

    static Optional<Found> lookup(Settings settings, SettingsDecrypter decrypter, String registry)
            throws InvalidInputException {
        Optional<Server> found = server(settings, decrypter, registry);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Server decrypted = found.get();
        if (decrypted.getUsername() == null || decrypted.getPassword() == null) {
            return Optional.empty();
        }
        return Optional.of(new Found(decrypted.getUsername(), decrypted.getPassword(),
                "settings.xml <server> '" + registry + "'"));
    }

    /**
     * The {@code <server>} with {@code id}, its {@code <password>} and {@code <passphrase>}
     * decrypted when they are {@code {...}}-encrypted; empty when settings.xml has none.
     */
    static Optional<Server> server(Settings settings, SettingsDecrypter decrypter, String id)
            throws InvalidInputException {
        if (settings == null) {
            return Optional.empty();
        }
        Server server = settings.getServer(id);
        if (server == null) {
            return Optional.empty();
        }
        if (decrypter == null) {
            return Optional.of(server);
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new InvalidInputException("Could not decrypt the password of <server> '" + id
                        + "' in settings.xml: " + problem.getMessage()
                        + ". Check ~/.m2/settings-security.xml (mvn --encrypt-master-password).");
            }
        }
        return Optional.of(result.getServer());
    }
}
