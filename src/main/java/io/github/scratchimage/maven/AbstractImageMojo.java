package io.github.scratchimage.maven;

import io.github.scratchimage.pipeline.BuildTimestamps;
import io.github.scratchimage.pipeline.Bundling;
import io.github.scratchimage.pipeline.CheckedExecutable;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.report.ImageReport;
import io.github.scratchimage.pipeline.RootfsArchives;
import io.github.scratchimage.report.Sizes;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.essentials.EssentialLayer;
import io.github.scratchimage.image.content.ExtraDirectories;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.builder.ImageBuilder;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.builder.PreparedTarget;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.libraries.LibraryTree;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code build}, {@code buildTar} and {@code dockerBuild} share: the check, the image plan
 * from {@code <container>}, the build through the core, and the files a pipeline reads.
 */
public abstract class AbstractImageMojo extends AbstractScratchMojo {
    static final String DIGEST_FILE = "scratch-image.digest";
    static final String ID_FILE = "scratch-image.id";
    static final String JSON_FILE = "scratch-image.json";

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /**
     * The image to build: {@code <image>}, {@code <tags>}, {@code <auth>}, {@code <credHelper>},
     * as in jib-maven-plugin.
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
     * {@code <to><auth><password>} from the command line; never logged by this plugin (Maven's own
     * {@code -X} output prints configured values: prefer a settings.xml {@code <server>}).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TO_AUTH_PASSWORD)
    protected String toAuthPassword;

    /**
     * The image's configuration: {@code appRoot}, {@code entrypoint}, {@code args},
     * {@code environment}, {@code workingDirectory}, {@code user}, {@code ports}, {@code labels},
     * {@code format}, {@code creationTime}, {@code filesModificationTime}, {@code platform}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected ContainerConfiguration container = new ContainerConfiguration();

    /**
     * {@code <container><format>} from the command line: {@code OCI} or {@code Docker}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_FORMAT)
    protected String containerFormat;

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
     * Where the digest, image id, image json and tar are written; default under {@code target/}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected OutputPathsConfiguration outputPaths = new OutputPathsConfiguration();

    /**
     * Content-addressed cache of compressed layers. It lives outside {@code target/} so that a
     * rebuild after {@code mvn clean} is fast.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CACHE_DIRECTORY)
    protected File cacheDirectory;

    /**
     * gzip level of the layers, 0-9. 6, gzip's and Jib's default, gives an image about the size
     * of {@code gzip -6} of its files; 1 compresses a large executable about three times faster
     * for an image 10-15% larger (measured on real x86-64 code). Part of the image's bytes: the
     * same executable gives another digest at another level.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.COMPRESSION_LEVEL, defaultValue = "6")
    protected int compressionLevel = ImageBuilder.DEFAULT_COMPRESSION_LEVEL;

    /**
     * tar, tar.gz, tar.xz, tar.bz2 or zip files, each added as a layer at {@code /} (the
     * {@code ADD rootfs.tar.gz /} of a Dockerfile). Owners, modes and times are normalised; unsafe
     * entries (paths leaving the root, devices, links out of the archive) fail the build.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<File> rootfsArchives = new ArrayList<>();

    /**
     * Accept setuid/setgid files from {@code <rootfsArchives>} and setuid/setgid modes in
     * {@code <extraDirectories><permissions>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ALLOW_SETUID, defaultValue = "false")
    protected boolean allowSetuid;

    /**
     * Directories copied into the image, as in jib-maven-plugin: {@code <paths>} (each
     * {@code <path>dir</path>}, or {@code <from>}, {@code <into>}, {@code <includes>},
     * {@code <excludes>}) and {@code <permissions>} ({@code <file>} path or glob, {@code <mode>}).
     * Files get 644 and directories 755 unless a permission says otherwise; owner 0:0. Default:
     * {@code src/main/scratch} when it exists. One layer, {@code extra-directories}, just below the
     * executable's.
     *
     * @since 0.1.0
     */
    @Parameter
    protected ExtraDirectoriesConfiguration extraDirectories = new ExtraDirectoriesConfiguration();

    /**
     * Comma-separated directories from the command line; replace {@code <extraDirectories><paths>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.EXTRA_DIRECTORIES_PATHS)
    protected String extraDirectoriesPaths;

    /**
     * {@code /opt/run.sh=755,/opt/bin/*=755} from the command line; replace
     * {@code <extraDirectories><permissions>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.EXTRA_DIRECTORIES_PERMISSIONS)
    protected String extraDirectoriesPermissions;

    @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
    protected String outputTimestamp;

    @Override
    protected final void run() throws MojoExecutionException, MojoFailureException {
        // A pipeline that reads the digest file after a failed build must not find the last one's.
        deleteOutputs();
        Target target = target();
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new MojoFailureException("<compressionLevel> is " + compressionLevel
                    + ": use 0 (store) to 9 (smallest), or leave it at 6");
        }
        ImageBuilder builder = new ImageBuilder(
                cacheDirectory != null ? cacheDirectory.toPath() : ImageBuilder.defaultCacheDirectory(),
                new MavenBuildListener(getLog()), RegistryCredentials.ofSystem(), compressionLevel);
        CheckedExecutable checked;
        ImageResult result;
        // Prepared first: the registry connection is made while the executable is checked.
        try (PreparedTarget prepared = builder.prepare(target)) {
            checked = checkExecutable(container.appRoot);
            ImagePlan plan = plan(checked);
            result = builder.build(plan, prepared);
        } catch (ImageBuildException e) {
            Exception translated = ImageFailures.translate(e, credentialSources());
            if (translated instanceof MojoFailureException failure) {
                throw failure;
            }
            throw (MojoExecutionException) translated;
        }
        writeOutputs(result, checked);
        getLog().info(summary(result));
    }

    /** The goal's target: a registry, a tar or a docker-compatible CLI. */
    protected abstract Target target() throws MojoExecutionException, MojoFailureException;

    /** Where credentials are looked for, for a 401's message; empty for goals that do not push. */
    protected List<String> credentialSources() {
        return List.of();
    }

    protected abstract String summaryVerb();

    private ImagePlan plan(CheckedExecutable checked) throws MojoFailureException, MojoExecutionException {
        BinaryAnalysis analysis = checked.analysis();
        ContainerConfiguration c = container;
        if (c.platform != null && !c.platform.isBlank() && !c.platform.trim().equals(analysis.platform().toString())) {
            throw new MojoFailureException("<container><platform> is " + c.platform.trim() + " but the executable "
                    + Path.of(analysis.file()).getFileName() + " is built for " + analysis.platform() + " ("
                    + analysis.machine() + "): the image's platform always comes from the executable, so remove"
                    + " <platform> or build the executable for " + c.platform.trim());
        }
        Optional<Instant> timestamp = BuildTimestamps.outputTimestamp(outputTimestamp);
        Instant created = BuildTimestamps.creationTime(c.creationTime, timestamp);
        Map<String, String> labels = new LinkedHashMap<>(PomLabels.from(project, Optional.of(created)));
        labels.putAll(c.labels);
        Map<String, String> environment = new LinkedHashMap<>(c.environment);
        ImagePlan.Builder plan = ImagePlan.builder(Path.of(analysis.file()), analysis.platform());
        addContentLayers(plan, environment, checked);
        plan.appRoot(c.appRoot)
                .args(c.args)
                .environment(environment)
                .user(c.user)
                .exposedPorts(c.ports)
                .labels(labels)
                .format(format())
                .creationTime(created)
                .filesModificationTime(BuildTimestamps.filesModificationTime(c.filesModificationTime, timestamp));
        if (!c.entrypoint.isEmpty()) {
            plan.entrypoint(c.entrypoint);
        }
        if (c.workingDirectory != null && !c.workingDirectory.isBlank()) {
            plan.workingDirectory(c.workingDirectory);
        }
        try {
            return plan.build();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("Invalid <container> configuration: " + e.getMessage(), e);
        }
    }

    /**
     * The layers below the executable's, in the order that keeps a rebuilt executable to one small
     * re-pushed layer: essentials, rootfs archives, bundled libraries, extra directories. The
     * user's content may not replace the executable or a bundled library; where it brings an
     * essential's files, the essential steps aside or fails (see {@link Essentials#layers}).
     */
    private void addContentLayers(ImagePlan.Builder plan, Map<String, String> environment, CheckedExecutable checked)
            throws MojoFailureException, MojoExecutionException {
        Path work = buildDirectory.toPath().resolve("scratch-generated");
        Set<String> reserved = new LinkedHashSet<>();
        reserved.add(container.appRoot + "/" + Path.of(checked.analysis().file()).getFileName());
        checked.libraries().ifPresent(tree -> reserved.addAll(tree.imagePaths()));
        List<Essentials.UserContent> userContent = new ArrayList<>();
        for (File archive : rootfsArchives) {
            userContent.add(new Essentials.UserContent(
                    RootfsArchives.layer(archive.toPath(), work.resolve("rootfs"), reserved, allowSetuid),
                    "rootfs archive " + archive.getName()));
        }
        Optional<LayerSpec> extra = ExtraDirectoryLayers.layer(extraDirectories, extraDirectoriesPaths,
                extraDirectoriesPermissions, project.getBasedir(), reserved, allowSetuid);
        extra.ifPresent(layer -> userContent.add(new Essentials.UserContent(layer, "<extraDirectories>")));

        Essentials.Outcome essentials = Essentials.layers(essentialSettings(), checked.essentials(), sysroot.toPath(),
                work.resolve("essentials"), container.user, userContent, getLog());
        reportEssentials(checked, essentials.choices());
        for (EssentialLayer essential : essentials.layers()) {
            plan.addLayerBefore(essential.layer());
            essential.environment().forEach(environment::putIfAbsent);
            getLog().info("Adding " + essential.layer().name() + " from " + essential.origin());
        }
        for (int i = 0; i < rootfsArchives.size(); i++) {
            plan.addLayerBefore(userContent.get(i).layer());
        }
        if (checked.libraries().isPresent()) {
            LibraryTree libraries = checked.libraries().get();
            // libraries found through <libraryPaths> or ld.so.conf are where the image's loader only
            // looks when told to: the image has no ld.so.cache
            List<String> searchPath = libraries.libraryPathInImage();
            if (!searchPath.isEmpty()) {
                environment.putIfAbsent("LD_LIBRARY_PATH", String.join(":", searchPath));
            }
            plan.addLayerBefore(Bundling.layer(libraries, work.resolve("libraries")));
        }
        if (extra.isPresent()) {
            plan.addLayerBefore(extra.get());
            getLog().info("Adding " + ExtraDirectories.LAYER_NAME + ": " + extra.get().files().stream()
                    .filter(f -> !f.directory()).count() + " files");
        }
    }

    private ImageFormat format() throws MojoFailureException {
        String value = containerFormat != null ? containerFormat : container.format;
        return switch (value == null ? "oci" : value.trim().toLowerCase(Locale.ROOT)) {
            case "oci" -> ImageFormat.OCI;
            case "docker" -> ImageFormat.DOCKER;
            default -> throw new MojoFailureException("<container><format> (" + PropertyNames.CONTAINER_FORMAT
                    + ") is '" + value + "'; it must be OCI or Docker");
        };
    }

    /** {@code <to><image>} (the property wins), or {@code artifactId:version} for goals that may default it. */
    protected final Optional<String> configuredImage() {
        String value = toImage != null && !toImage.isBlank() ? toImage : to.image;
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    protected final String imageOrDefault() {
        return configuredImage().orElse(project.getArtifactId().toLowerCase(Locale.ROOT) + ":" + project.getVersion());
    }

    protected final List<String> tags() {
        List<String> tags = new ArrayList<>(to.tags);
        if (toTags != null) {
            for (String tag : toTags.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
        }
        return tags;
    }

    private void deleteOutputs() throws MojoExecutionException {
        for (Path output : List.of(outputPath(outputPaths.digest, DIGEST_FILE), outputPath(outputPaths.imageId, ID_FILE),
                outputPath(outputPaths.imageJson, JSON_FILE))) {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                throw new MojoExecutionException("Could not delete " + output + " from an earlier build: "
                        + e.getMessage(), e);
            }
        }
    }

    private void writeOutputs(ImageResult result, CheckedExecutable checked) throws MojoExecutionException {
        writeOutput(outputPath(outputPaths.digest, DIGEST_FILE), result.digest());
        writeOutput(outputPath(outputPaths.imageId, ID_FILE), result.imageId());
        writeOutput(outputPath(outputPaths.imageJson, JSON_FILE), Json.write(ImageReport.json(result, checked)));
    }

    protected final Path outputPath(File configured, String defaultName) {
        return configured != null ? configured.toPath() : buildDirectory.toPath().resolve(defaultName);
    }

    private String summary(ImageResult result) {
        String reference = result.reference();
        int at = reference.indexOf('@');
        String base = at >= 0 ? reference.substring(0, at) : reference;
        return summaryVerb() + " " + base + "@" + result.digest() + " (" + Sizes.human(result.totalCompressedSize())
                + " compressed, " + result.platform() + ")";
    }
}
