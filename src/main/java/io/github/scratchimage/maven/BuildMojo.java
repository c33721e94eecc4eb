package io.github.scratchimage.maven;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.parameters.PropertyNames;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks the executable, then builds a {@code FROM scratch} image of it and pushes it to
 * {@code <to><image>} and every {@code <to><tags>} entry, with no Docker daemon.
 *
 * <p>Credentials are looked for in Jib's order (see the README's "Credentials").
 *
 * @since 0.1.0
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractImageMojo {
    private final SettingsDecrypter settingsDecrypter;

    @Inject
    public BuildMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    protected Target target() throws ScratchException {
        if (session.isOffline()) {
            throw new InvalidInputException("scratch:build pushes to a registry, which Maven's offline mode (-o)"
                    + " forbids: run without -o, or use scratch:buildTar, which works offline");
        }
        ToParameters to = toParameters();
        String image = to.configuredImage().orElseThrow(() -> new InvalidInputException(
                "scratch:build needs the image to push: set <to><image> in the plugin configuration or -D"
                        + PropertyNames.TO_IMAGE + "=registry.example.com/team/app:1.0"));
        return to.target(image, session.getSettings(), settingsDecrypter, allowInsecureRegistries,
                sendCredentialsOverHttp);
    }
}
