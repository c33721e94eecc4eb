package io.github.scratchimage.maven;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
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

    /**
     * Signs what this goal pushes, in cosign's key-based format: {@code <keyFile>}, an ECDSA P-256
     * private key (PKCS#8 PEM, plain or encrypted), and {@code <serverId>}, the settings.xml
     * {@code <server>} whose {@code <passphrase>} (or {@code <password>}) decrypts it (default
     * {@code scratch.signing}; else the environment variable {@code SCRATCH_SIGNING_PASSPHRASE}).
     * The signature is pushed before the tags, under {@code sha256-<hex>.sig}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected SigningConfiguration signing;

    /**
     * {@code <signing><keyFile>} from the command line; wins over the POM.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SIGNING_KEY_FILE)
    protected File signingKeyFile;

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
        RegistryTarget target = to.target(image, session.getSettings(), settingsDecrypter, allowInsecureRegistries,
                sendCredentialsOverHttp);
        return new SigningParameters(signing, signingKeyFile).sign(target, session.getSettings(), settingsDecrypter);
    }
}
