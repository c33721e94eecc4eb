package io.github.scratchimage.maven;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.pipeline.IndexRequest;
import io.github.scratchimage.pipeline.OutputFiles;
import io.github.scratchimage.pipeline.Pipeline;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Merges images already pushed, one per platform (typically one per CI runner, each running
 * {@code scratch:build}), into one multi-platform index and pushes it to {@code <to><image>} and
 * every {@code <to><tags>} entry. Nothing is built and no executable is read. A source that is
 * itself an index gives its platform images; images in other repositories of the same registry
 * are mounted, not downloaded. Two images of one platform, a missing image or one in another
 * registry fail the goal with nothing pushed.
 *
 * @since 0.1.0
 */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class IndexMojo extends AbstractMojo {
    private final SettingsDecrypter settingsDecrypter;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    protected File buildDirectory;

    /**
     * The pushed images to merge, by tag or digest, in the registry of {@code <to><image>}: each
     * {@code <image>registry.example.com/app:1.0-amd64</image>}. A source that is an index gives
     * its platform images.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<String> images = new ArrayList<>();

    /**
     * Comma-separated {@code <images>} from the command line; replaces the POM's list.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.IMAGES)
    protected String imagesProperty;

    /**
     * Where the index goes: {@code <image>}, {@code <tags>}, {@code <auth>}, {@code <credHelper>},
     * as for {@code build}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected ToConfiguration to = new ToConfiguration();

    /**
     * {@code <to><image>} from the command line; wins over the POM.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TO_IMAGE)
    protected String toImage;

    /**
     * Comma-separated extra tags from the command line; added to {@code <to><tags>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TO_TAGS)
    protected String toTags;

    /**
     * {@code <to><credHelper>} from the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TO_CRED_HELPER)
    protected String toCredHelper;

    /**
     * {@code <to><auth><username>} from the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TO_AUTH_USERNAME)
    protected String toAuthUsername;

    /**
     * {@code <to><auth><password>} from the command line; never logged by this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TO_AUTH_PASSWORD)
    protected String toAuthPassword;

    /**
     * Allow registries over plain HTTP or with certificates the JVM does not trust.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ALLOW_INSECURE_REGISTRIES, defaultValue = "false")
    protected boolean allowInsecureRegistries;

    /**
     * Send credentials to a plain-HTTP registry (needs {@code allowInsecureRegistries}).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SEND_CREDENTIALS_OVER_HTTP, defaultValue = "false")
    protected boolean sendCredentialsOverHttp;

    /**
     * Where the index's digest ({@code <digest>}) and report ({@code <imageJson>}) are written;
     * default {@code target/scratch-image.digest} and {@code target/scratch-image.json}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected OutputPathsConfiguration outputPaths = new OutputPathsConfiguration();

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

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    protected boolean skip;

    @Inject
    public IndexMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping scratch:index because <skip> (" + PropertyNames.SKIP + ") is true");
            return;
        }
        try {
            new Pipeline(new MavenBuildListener(getLog())).index(request());
        } catch (ScratchException e) {
            Failures.rethrow(e);
        }
    }

    /** Every parameter validated before the registry is called. */
    IndexRequest request() throws ScratchException {
        if (session.isOffline()) {
            throw new InvalidInputException("scratch:index pushes to a registry, which Maven's offline mode (-o)"
                    + " forbids: run without -o");
        }
        ToParameters toParameters = new ToParameters(to, toImage, toTags, toCredHelper, toAuthUsername,
                toAuthPassword);
        String image = toParameters.configuredImage().orElseThrow(() -> new InvalidInputException(
                "scratch:index needs the image to push the index to: set <to><image> in the plugin"
                        + " configuration or -D" + PropertyNames.TO_IMAGE + "=registry.example.com/team/app:1.0"));
        RegistryTarget target = new SigningParameters(signing, signingKeyFile).sign(toParameters.target(image,
                session.getSettings(), settingsDecrypter, allowInsecureRegistries, sendCredentialsOverHttp),
                session.getSettings(), settingsDecrypter);
        List<String> sources = new ArrayList<>();
        if (imagesProperty != null && !imagesProperty.isBlank()) {
            sources.addAll(ToParameters.split(imagesProperty));
        } else {
            for (String entry : images) {
                if (entry != null && !entry.isBlank()) {
                    sources.add(entry.trim());
                }
            }
        }
        Path digest = output(outputPaths.digest, OutputFiles.DIGEST);
        Path json = output(outputPaths.imageJson, OutputFiles.IMAGE_JSON);
        return new IndexRequest(target, sources, digest, json);
    }

    private Path output(File configured, String defaultName) {
        return configured != null ? configured.toPath() : buildDirectory.toPath().resolve(defaultName);
    }
}
