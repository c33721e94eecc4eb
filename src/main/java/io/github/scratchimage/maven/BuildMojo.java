package io.github.scratchimage.maven;

import io.github.scratchimage.image.ImageReferences;
import io.github.scratchimage.image.InvalidReferenceException;
import io.github.scratchimage.image.RegistryCredential;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks the executable, then builds a {@code FROM scratch} image of it and pushes it to
 * {@code <to><image>} and every {@code <to><tags>} entry, with no Docker daemon.
 *
 * <p>Credentials, first found wins: {@code <to><auth>}; {@code <to><credHelper>}; the settings.xml
 * {@code <server>} whose id is the registry host (with {@code :port} when the reference has one);
 * docker {@code config.json} and podman {@code auth.json}; the well-known credential helpers.
 *
 * @since 0.1.0
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractImageMojo {
    @Component
    private SettingsDecrypter settingsDecrypter;

    private final List<String> credentialSources = new ArrayList<>();

    @Override
    protected String goal() {
        return "build";
    }

    @Override
    protected String summaryVerb() {
        return "Pushed";
    }

    @Override
    protected Target target() throws MojoFailureException {
        if (session.isOffline()) {
            throw new MojoFailureException("scratch:build pushes to a registry, which Maven's offline mode (-o)"
                    + " forbids: run without -o, or use scratch:buildTar, which works offline");
        }
        String image = configuredImage().orElseThrow(() -> new MojoFailureException(
                "scratch:build needs the image to push: set <to><image> in the plugin configuration or -D"
                        + PropertyNames.TO_IMAGE + "=registry.example.com/team/app:1.0"));
        String registry;
        try {
            registry = ImageReferences.registry(image);
        } catch (InvalidReferenceException e) {
            throw ImageFailures.invalidReference(e);
        }
        // Jib's order, which the message for a refused credential lists: <to><auth>,
        // <to><credHelper>, settings.xml, the auth files, the well-known helpers.
        RegistryCredential credential = explicitCredential();
        String helper = toCredHelper != null && !toCredHelper.isBlank() ? toCredHelper : to.credHelper;
        if (helper != null && !helper.isBlank()) {
            credentialSources.add("<to><credHelper> " + helper);
        }
        RegistryCredential fromSettings = settingsCredential(registry);
        credentialSources.add("docker config.json and podman auth.json ("
                + String.join(", ", RegistryCredentials.ofSystem().authFiles().stream().map(Object::toString).toList())
                + ")");
        credentialSources.add("the well-known docker credential helpers");
        return new RegistryTarget(image, tags(), credential, helper, fromSettings, allowInsecureRegistries,
                sendCredentialsOverHttp);
    }

    /** {@code <to><auth>}, or null to look further. */
    private RegistryCredential explicitCredential() {
        String username = toAuthUsername != null ? toAuthUsername : to.auth.username;
        String password = toAuthPassword != null ? toAuthPassword : to.auth.password;
        credentialSources.add("<to><auth>" + (username != null ? " (user " + username + ")" : " (not set)"));
        if (username != null && !username.isBlank() && password != null) {
            return new RegistryCredential(username, password);
        }
        return null;
    }

    /** The settings.xml server whose id is the registry, decrypted, or null. */
    private RegistryCredential settingsCredential(String registry) throws MojoFailureException {
        Optional<SettingsCredentials.Found> fromSettings =
                SettingsCredentials.lookup(session.getSettings(), settingsDecrypter, registry);
        credentialSources.add("settings.xml <server> with id '" + registry + "'"
                + (fromSettings.isPresent() ? " (user " + fromSettings.get().username() + ")" : " (none)"));
        return fromSettings.map(f -> new RegistryCredential(f.username(), f.password())).orElse(null);
    }

    @Override
    protected List<String> credentialSources() {
        return credentialSources;
    }
}
