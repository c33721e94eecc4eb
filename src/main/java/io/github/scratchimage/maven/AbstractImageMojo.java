package io.github.scratchimage.maven;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.image.builder.ImageBuilder;
import io.github.scratchimage.image.content.ExtractionLimits;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.pipeline.BuildTimestamps;
import io.github.scratchimage.pipeline.CheckRequest;
import io.github.scratchimage.pipeline.ContainerSettings;
import io.github.scratchimage.pipeline.ContentSources;
import io.github.scratchimage.pipeline.ImageRequest;
import io.github.scratchimage.pipeline.OutputFiles;
import io.github.scratchimage.pipeline.Pipeline;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code build}, {@code buildTar} and {@code dockerBuild} share: the check, the image plan
 * from {@code <container>}, the build through the core, and the files a pipeline reads.
 */
public abstract class AbstractImageMojo extends AbstractScratchMojo {
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
     * {@code <container><format>} from the command line: {@code OCI} or {@code Docker}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_FORMAT)
    protected String containerFormat;

    /**
     * {@code <container><user>} from the command line, e.g. {@code 0} or {@code 1000:1000}; wins over the POM.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_USER)
    protected String containerUser;

    /**
     * {@code <container><labels>} from the command line: {@code key=value,key2=value2}; replaces the POM's.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_LABELS)
    protected String containerLabels;

    /**
     * {@code <container><environment>} from the command line: {@code NAME=value,NAME2=value2}; replaces the POM's.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_ENVIRONMENT)
    protected String containerEnvironment;

    /**
     * {@code <container><entrypoint>} from the command line, comma-separated; replaces the POM's.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_ENTRYPOINT)
    protected String containerEntrypoint;

    /**
     * {@code <container><args>} from the command line, comma-separated ({@code \\,} for a comma in an argument); replaces the POM's.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_ARGS)
    protected String containerArgs;

    /**
     * {@code <container><ports>} from the command line: {@code 8080,53/udp}; replaces the POM's.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_PORTS)
    protected String containerPorts;

    /**
     * {@code <container><workingDirectory>} from the command line; wins over the POM.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_WORKING_DIRECTORY)
    protected String containerWorkingDirectory;

    /**
     * {@code <container><volumes>} from the command line: {@code /data,/cache}; replaces the POM's.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CONTAINER_VOLUMES)
    protected String containerVolumes;

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
     * Write the image's CycloneDX 1.6 SBOM to {@code target/scratch-image.cdx.json}
     * ({@code <outputPaths><sbom>}): the image by its digest, every file with its SHA-256, the
     * executable with its ELF facts, the sysroot's Debian packages of the bundled libraries and
     * essentials, and which file the loader needs for which.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SBOM, defaultValue = "true")
    protected boolean sbom = true;

    /**
     * For {@code build}: attach the SBOM to the pushed image as an OCI 1.1 referrer (an artifact
     * manifest whose {@code subject} is the image), listed under the referrers tag
     * {@code sha256-<hex>} of the image's digest, which registries without the referrers API
     * also keep. Needs {@code <sbom>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ATTACH_SBOM, defaultValue = "false")
    protected boolean attachSbom;

    /**
     * Where the digest, image id, image json, SBOM and tar are written; default under {@code target/}.
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
     * The most the layer cache keeps, in bytes or with a unit ({@code 4G}, {@code 500M},
     * {@code 1073741824}; K, M, G and T are binary). After each build the least recently used
     * layers are removed until the cache is under this; layers a running build uses are kept,
     * and {@code 0} keeps nothing between builds.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CACHE_MAX_SIZE, defaultValue = ImageRequest.DEFAULT_CACHE_MAX_SIZE)
    protected String cacheMaxSize = ImageRequest.DEFAULT_CACHE_MAX_SIZE;

    /**
     * How layers are compressed: {@code gzip}, which every runtime and registry reads, or
     * {@code zstd}, which decompresses several times faster on pull, with layers about gzip's
     * size at its default level and 10-20% smaller at 19 (containerd 1.5+, Docker Engine 23+,
     * podman and CRI-O pull it; umoci before 0.5 does not). zstd needs the OCI format: not with
     * {@code <container><format>Docker</format>} nor with {@code dockerBuild}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.COMPRESSION, defaultValue = "gzip")
    protected String compression = "gzip";

    /**
     * The compression's level: gzip 0-9 (default 6, gzip's and Jib's: an image about the size of
     * {@code gzip -6} of its files; 1 compresses a large executable about three times faster for
     * an image 10-15% larger), zstd 1-19 (default 3). Part of the image's bytes: the same
     * executable gives another digest at another level.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.COMPRESSION_LEVEL)
    protected Integer compressionLevel;

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
     * The most one of {@code <rootfsArchives>} may extract to, in bytes or with a unit
     * ({@code 8G}, {@code 500M}; K, M, G and T are binary): past it the build fails naming the
     * archive, so a decompression bomb cannot fill the disk.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ARCHIVE_MAX_SIZE, defaultValue = ExtractionLimits.DEFAULT_MAX_SIZE)
    protected String archiveMaxSize = ExtractionLimits.DEFAULT_MAX_SIZE;

    /**
     * The most entries (files, directories, links) one of {@code <rootfsArchives>} may hold:
     * past it the build fails naming the archive, so millions of empty entries cannot exhaust
     * the heap.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ARCHIVE_MAX_ENTRIES, defaultValue = ExtractionLimits.DEFAULT_MAX_ENTRIES)
    protected String archiveMaxEntries = ExtractionLimits.DEFAULT_MAX_ENTRIES;

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
    protected final void run(Pipeline pipeline) throws ScratchException {
        ImageRequest request = request();
        boolean checkLogged = BuildMemory.checkLogged(project, request.check());
        Pipeline.Delivered result = (checkLogged ? pipeline.withCheckAlreadyLogged() : pipeline).images(request);
        BuildMemory.imageWritten(project, goal(), request, result.digest(), result.format(), getLog());
    }

    /** The goal's target: a registry, a tar or a docker-compatible CLI. */
    protected abstract Target target() throws ScratchException;

    /** Every parameter, validated and merged with its {@code -D} property, before anything is read or built. */
    private ImageRequest request() throws ScratchException {
        CheckRequest check = checkRequest(container.appRoot);
        ContainerSettings settings = containerSettings();
        Target target = target();
        ContentSources content = new ContentSources(rootfsArchives.stream().map(File::toPath).toList(),
                ExtraDirectoryLayers.sources(extraDirectories, extraDirectoriesPaths, project.getBasedir()),
                ExtraDirectoryLayers.permissions(extraDirectories, extraDirectoriesPermissions), allowSetuid,
                ImageRequest.archiveLimits(archiveMaxSize, archiveMaxEntries));
        OutputFiles outputs = new OutputFiles(buildDirectory.toPath().resolve(OutputFiles.CHECK_REPORT),
                outputPath(outputPaths.digest, OutputFiles.DIGEST), outputPath(outputPaths.imageId, OutputFiles.IMAGE_ID),
                outputPath(outputPaths.imageJson, OutputFiles.IMAGE_JSON), outputPath(outputPaths.sbom, OutputFiles.SBOM));
        Path cache = cacheDirectory != null ? cacheDirectory.toPath() : ImageBuilder.defaultCacheDirectory();
        return new ImageRequest(check, settings, content, target, cache,
                ImageRequest.compression(compression, compressionLevel, settings.format(), target),
                ImageRequest.cacheMaxBytes(cacheMaxSize), buildDirectory.toPath().resolve("scratch-generated"),
                outputs, sbomOutput());
    }

    private ImageRequest.Sbom sbomOutput() throws InvalidInputException {
        if (!sbom && attachSbom) {
            throw new InvalidInputException("<attachSbom> (" + PropertyNames.ATTACH_SBOM + ") attaches the SBOM that"
                    + " <sbom> (" + PropertyNames.SBOM + ") writes, and <sbom> is false: set <sbom>true</sbom>, or"
                    + " <attachSbom>false</attachSbom>");
        }
        return !sbom ? ImageRequest.Sbom.OFF : attachSbom ? ImageRequest.Sbom.ATTACHED : ImageRequest.Sbom.FILE;
    }

    /** {@code <container>} with its {@code scratch.container.*} properties, validated. */
    final ContainerSettings containerSettings() throws InvalidInputException {
        ContainerConfiguration c = container;
        Optional<Instant> timestamp = BuildTimestamps.outputTimestamp(outputTimestamp);
        Instant created = BuildTimestamps.creationTime(c.creationTime, timestamp);
        Map<String, String> labels = new LinkedHashMap<>(PomLabels.from(project, Optional.of(created)));
        labels.putAll(ContainerProperties.map(PropertyNames.CONTAINER_LABELS, containerLabels, c.labels));
        List<String> entrypoint = ContainerProperties.list(containerEntrypoint, c.entrypoint);
        return new ContainerSettings(
                entrypoint.isEmpty() ? Optional.empty() : Optional.of(entrypoint),
                ContainerProperties.list(containerArgs, c.args),
                ContainerProperties.map(PropertyNames.CONTAINER_ENVIRONMENT, containerEnvironment, c.environment),
                Optional.ofNullable(ContainerProperties.value(containerWorkingDirectory, c.workingDirectory))
                        .map(String::trim).filter(w -> !w.isEmpty()),
                ContainerProperties.value(containerUser, c.user),
                ContainerSettings.ports(ContainerProperties.list(containerPorts, c.ports)),
                labels,
                ContainerSettings.format(override(containerFormat, c.format)),
                created,
                BuildTimestamps.filesModificationTime(c.filesModificationTime, timestamp),
                Optional.ofNullable(c.platform).map(String::trim).filter(p -> !p.isEmpty()),
                ContainerSettings.volumes(ContainerProperties.list(containerVolumes, c.volumes)));
    }

    /** A {@code -D} property wins over the POM's value when it is set. */
    protected static String override(String property, String pomValue) {
        return ToParameters.override(property, pomValue);
    }

    /** {@code <to>} with its {@code -D} properties. */
    protected final ToParameters toParameters() {
        return new ToParameters(to, toImage, toTags, toCredHelper, toAuthUsername, toAuthPassword);
    }

    /** {@code <to><image>}, the property winning over the POM. */
    protected final Optional<String> configuredImage() {
        return toParameters().configuredImage();
    }

    /** {@code <to><image>}, or {@code artifactId:version} for goals that may default it. */
    protected final String imageOrDefault() {
        return configuredImage().orElse(project.getArtifactId().toLowerCase(Locale.ROOT) + ":" + project.getVersion());
    }

    protected final List<String> tags() {
        return toParameters().allTags();
    }

    protected final Path outputPath(File configured, String defaultName) {
        return configured != null ? configured.toPath() : buildDirectory.toPath().resolve(defaultName);
    }
}
