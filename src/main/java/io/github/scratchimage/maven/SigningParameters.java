package io.github.scratchimage.maven;

import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.signing.SigningKey;
import java.io.File;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * {@code <signing>} merged with its {@code -D} property, and the signing key loaded from it while
 * the request is validated, so that a key that cannot sign fails the build before anything is
 * pushed. The passphrase comes from the settings.xml {@code <server>} ({@code <passphrase>},
 * else {@code <password>}, decrypted like any server's) or else the environment: never from the
 * POM, and it is dropped once the key is decrypted.
 */
record SigningParameters(SigningConfiguration signing, File keyFileProperty) {

    /** {@code target} signed with the configured key, or as it is when no key file is configured. */
    RegistryTarget sign(RegistryTarget target, Settings settings, SettingsDecrypter decrypter)
            throws ScratchException {
        return load(settings, decrypter, System.getenv()).map(target::signedWith).orElse(target);
    }

    /** The key, or empty when no key file is configured (the push is unsigned). */
    Optional<SigningKey> load(Settings settings, SettingsDecrypter decrypter, Map<String, String> environment)
            throws ScratchException {
        File keyFile = keyFileProperty != null ? keyFileProperty : signing != null ? signing.keyFile : null;
        if (keyFile == null) {
            return Optional.empty();
        }
        String serverId = signing != null && signing.serverId != null && !signing.serverId.isBlank()
                ? signing.serverId.trim() : SigningKey.SERVER_ID;
        Optional<char[]> passphrase = passphrase(settings, decrypter, environment, serverId);
        try {
            return Optional.of(SigningKey.load(keyFile.toPath(), passphrase, SigningKey.passphraseSources(serverId)));
        } finally {
            passphrase.ifPresent(secret -> Arrays.fill(secret, '\0'));
        }
    }

    private static Optional<char[]> passphrase(Settings settings, SettingsDecrypter decrypter,
            Map<String, String> environment, String serverId) throws ScratchException {
        Optional<Server> server = SettingsCredentials.server(settings, decrypter, serverId);
        if (server.isPresent()) {
            String secret = server.get().getPassphrase() != null ? server.get().getPassphrase()
                    : server.get().getPassword();
            if (secret != null) {
                return Optional.of(secret.toCharArray());
            }
        }
        String variable = environment.get(SigningKey.PASSPHRASE_VARIABLE);
        return variable != null ? Optional.of(variable.toCharArray()) : Optional.empty();
    }
}
