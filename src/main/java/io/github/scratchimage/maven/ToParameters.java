package io.github.scratchimage.maven;

import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.ImageReferences;
import io.github.scratchimage.image.RegistryCredential;
import io.github.scratchimage.image.RegistryTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * {@code <to>} merged with its {@code -D} properties, for every goal that names an image or pushes
 * one: the one place that turns them into the image name, the tags and a {@link RegistryTarget}
 * with its credentials (the order they are looked up in is {@code CredentialChain}'s).
 */
record ToParameters(ToConfiguration to, String image, String tags, String credHelper, String username,
        String password) {

    /** The image, the property winning over the POM; empty when neither sets it. */
    Optional<String> configuredImage() {
        return Optional.ofNullable(override(image, to.image)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** {@code <to><tags>} followed by the comma-separated property's tags. */
    List<String> allTags() {
        List<String> all = new ArrayList<>(to.tags);
        all.addAll(split(tags));
        return all;
    }

    /** The registry target for {@code reference}, credentials from {@code <to><auth>} and settings.xml. */
    RegistryTarget target(String reference, Settings settings, SettingsDecrypter decrypter,
            boolean allowInsecureRegistries, boolean sendCredentialsOverHttp) throws ScratchException {
        String registry = ImageReferences.registry(reference);
        RegistryCredential fromSettings = SettingsCredentials.lookup(settings, decrypter, registry)
                .map(f -> new RegistryCredential(f.username(), f.password())).orElse(null);
        return new RegistryTarget(reference, allTags(), explicitCredential(), override(credHelper, to.credHelper),
                fromSettings, allowInsecureRegistries, sendCredentialsOverHttp);
    }

    /** {@code <to><auth>}, or null to look further. */
    private RegistryCredential explicitCredential() {
        String user = username != null ? username : to.auth.username;
        String secret = password != null ? password : to.auth.password;
        return user != null && !user.isBlank() && secret != null ? new RegistryCredential(user, secret) : null;
    }

    /** A {@code -D} property wins over the POM's value when it is set. */
    static String override(String property, String pomValue) {
        return property != null && !property.isBlank() ? property : pomValue;
    }

    /** A comma-separated property's entries, trimmed, empty ones dropped. */
    static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
        }
        return parts;
    }
}
