package io.github.scratchimage.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Builds the scratch image an {@link ImagePlan} describes with Jib Core and delivers it to a
 * {@link Target}. No Docker daemon is involved.
 *
 * <p>The cache directory holds content-addressed copies of the inputs and Jib's layer cache; it
 * lives outside {@code target/} so a rebuild after {@code mvn clean} of an unchanged executable
 * skips the compression. One builder may be used for many builds.
 */
public final class ImageBuilder {
    /** Written into the image history, so into the digest: fixed, so digests do not drift. */
    public static final String TOOL_NAME = "scratch-maven-plugin";
    public static final String TOOL_VERSION = "1";

    /** Jib reads this system property per request; it is process-wide, hence the lock. */
    private static final String SEND_CREDENTIALS_OVER_HTTP = "sendCredentialsOverHttp";
    private static final Object SYSTEM_PROPERTY_LOCK = new Object();

    private final Path cacheDirectory;
    private final BuildListener listener;
    private final RegistryCredentials credentials;

    public ImageBuilder(Path cacheDirectory, BuildListener listener, RegistryCredentials credentials) {
        this.cacheDirectory = cacheDirectory.toAbsolutePath();
        this.listener = listener;
        this.credentials = credentials;
    }

    /** Looks credentials up in this user's docker and podman auth files when a target has none. */
    public ImageBuilder(Path cacheDirectory, BuildListener listener) {
        this(cacheDirectory, listener, RegistryCredentials.ofSystem());
    }

    /** {@code $XDG_CACHE_HOME/scratch-maven-plugin}, else {@code ~/.cache/scratch-maven-plugin}. */
    public static Path defaultCacheDirectory() {
        return defaultCacheDirectory(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path defaultCacheDirectory(Map<String, String> environment, Path home) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve(TOOL_NAME);
    }

    public Path cacheDirectory() {
        return cacheDirectory;
    }

    public ImageResult build(ImagePlan plan, Target target) throws ImageBuildException {
        ImageReference reference = parseReference(target.reference());
        List<FileEntriesLayer> layers;
        try {
            layers = JibContainerFactory.layers(plan, new ContentAddressedStage(cacheDirectory.resolve("stage")));
        } catch (IOException e) {
            throw new ImageBuildException("could not stage the image files in " + cacheDirectory.resolve("stage")
                    + ": " + e, e);
        }
        // Java 17 has no pattern switch; Target is sealed, so these three are all.
        if (target instanceof RegistryTarget registry) {
            return push(plan, registry, reference, layers);
        }
        if (target instanceof TarTarget tar) {
            return writeTar(plan, tar.output(), reference, plan.format(), layers);
        }
        return load(plan, (DockerClientTarget) target, reference, layers);
    }

    private ImageResult push(ImagePlan plan, RegistryTarget target, ImageReference reference,
            List<FileEntriesLayer> layers) throws ImageBuildException {
        for (String tag : target.extraTags()) {
            if (!ImageReference.isValidTag(tag)) {
                throw new InvalidReferenceException(tag);
            }
        }
        if (!RegistryEndpoint.proxyConfigured()) {
            RegistryEndpoint endpoint = RegistryEndpoint.parse(reference.getRegistry());
            endpoint.checkReachable(target.allowInsecureRegistries());
            if (!target.allowInsecureRegistries()) {
                endpoint.checkTrustedTls(reference.getRegistry());
            }
        }

        RecordingCredentialRetriever credential = new RecordingCredentialRetriever(
                target.credential(), target.credentialHelper(), reference, credentials);
        RegistryImage image = RegistryImage.named(reference).addCredentialRetriever(credential);
        Containerizer containerizer = Containerizer.to(image)
                .setAllowInsecureRegistries(target.allowInsecureRegistries());
        target.extraTags().forEach(containerizer::withAdditionalTag);

        JibContainer container;
        if (target.sendCredentialsOverHttp()) {
            synchronized (SYSTEM_PROPERTY_LOCK) {
                String previous = System.setProperty(SEND_CREDENTIALS_OVER_HTTP, "true");
                try {
                    container = containerize(plan, plan.format(), layers, containerizer, reference, credential);
                } finally {
                    if (previous == null) {
                        System.clearProperty(SEND_CREDENTIALS_OVER_HTTP);
                    } else {
                        System.setProperty(SEND_CREDENTIALS_OVER_HTTP, previous);
                    }
                }
            }
        } else {
            container = containerize(plan, plan.format(), layers, containerizer, reference, credential);
        }
        return result(plan, plan.format(), container, layers, container.isImagePushed());
    }

    private ImageResult writeTar(ImagePlan plan, Path output, ImageReference reference, ImageFormat format,
            List<FileEntriesLayer> layers) throws ImageBuildException {
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new ImageBuildException("could not create the directory of " + output + ": " + e, e);
        }
        Containerizer containerizer = Containerizer.to(TarImage.at(output.toAbsolutePath()).named(reference));
        JibContainer container = containerize(plan, format, layers, containerizer, reference, null);
        return result(plan, format, container, layers, false);
    }

    /**
     * Docker format, because {@code docker load} before Docker 25 rejects OCI archives and the
     * engine's store keeps only the image, not the manifest the format would decide.
     */
    private ImageResult load(ImagePlan plan, DockerClientTarget target, ImageReference reference,
            List<FileEntriesLayer> layers) throws ImageBuildException {
        Path tar;
        try {
            Path tmp = Files.createDirectories(cacheDirectory.resolve("tmp"));
            tar = Files.createTempFile(tmp, "load-", ".tar");
        } catch (IOException e) {
            throw new ImageBuildException("could not create a temporary tar in " + cacheDirectory + ": " + e, e);
        }
        try {
            ImageResult written = writeTar(plan, tar, reference, ImageFormat.DOCKER, layers);
            String output = CliImageLoader.load(target, tar);
            listener.log(BuildListener.Level.INFO, output.strip());
            return new ImageResult(written.reference(), written.tags(), written.digest(), written.imageId(),
                    written.platform(), written.format(), written.layers(), true);
        } finally {
            try {
                Files.deleteIfExists(tar);
            } catch (IOException e) {
                listener.log(BuildListener.Level.WARN, "could not delete " + tar + ": " + e.getMessage());
            }
        }
    }

    private JibContainer containerize(ImagePlan plan, ImageFormat format, List<FileEntriesLayer> layers,
            Containerizer containerizer, ImageReference reference, RecordingCredentialRetriever credential)
            throws ImageBuildException {
        String secret = credential == null ? null : credential.password();
        JibEventForwarder events = new JibEventForwarder(listener, secret);
        containerizer
                .setToolName(TOOL_NAME)
                .setToolVersion(TOOL_VERSION)
                .setApplicationLayersCache(applicationLayersCache())
                .setBaseImageLayersCache(cacheDirectory.resolve("base-layers"))
                .addEventHandler(LogEvent.class, events::onLog)
                .addEventHandler(ProgressEvent.class, events::onProgress);
        JibContainerBuilder builder = JibContainerFactory.create(plan, format, layers);
        try {
            return builder.containerize(containerizer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while building the image", e);
        } catch (RegistryException | IOException | CacheDirectoryCreationException | ExecutionException
                | RuntimeException e) {
            throw JibFailures.translate(e, new JibFailures.Context(reference.getRegistry(), reference.getRepository(),
                    credential == null ? null : credential.username(),
                    secret));
        }
    }

    private Path applicationLayersCache() {
        return cacheDirectory.resolve("layers");
    }

    private ImageResult result(ImagePlan plan, ImageFormat format, JibContainer container,
            List<FileEntriesLayer> layers, boolean delivered) throws ImageBuildException {
        List<String> tags = new ArrayList<>(container.getTags());
        return new ImageResult(container.getTargetImage().toString(), tags, container.getDigest().toString(),
                container.getImageId().toString(), plan.platform(), format,
                LayerCacheReader.read(applicationLayersCache(), layers), delivered);
    }

    private static ImageReference parseReference(String value) throws InvalidReferenceException {
        try {
            return ImageReference.parse(value);
        } catch (InvalidImageReferenceException e) {
            throw new InvalidReferenceException(value);
        }
    }
}
