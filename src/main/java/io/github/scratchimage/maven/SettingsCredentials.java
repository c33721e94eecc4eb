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
 * Maven's SettingsDecrypter so {@code {...}}-encrypted passwords work.
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
        if (settings == null) {
            return Optional.empty();
        }
        Server server = settings.getServer(registry);
        if (server == null) {
            return Optional.empty();
        }
        Server decrypted = server;
        if (decrypter != null) {
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new InvalidInputException("Could not decrypt the password of <server> '" + registry
                            + "' in settings.xml: " + problem.getMessage()
                            + ". Check ~/.m2/settings-security.xml (mvn --encrypt-master-password).");
                }
            }
            decrypted = result.getServer();
        }
        if (decrypted.getUsername() == null || decrypted.getPassword() == null) {
            return Optional.empty();
        }
        return Optional.of(new Found(decrypted.getUsername(), decrypted.getPassword(),
                "settings.xml <server> '" + registry + "'"));
    }
}
