package io.github.scratchimage.image;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.paths.ImagePaths;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything that decides the bytes of a scratch image: the executable and where it goes, the
 * container configuration, the platform, the timestamps and any layers below the executable's.
 * Two equal plans over the same file contents give the same image digest.
 *
 * <p>Build one with {@link #builder(Path, Platform)}; every other field has a default.
 */
public record ImagePlan(
        Path executable,
        String appRoot,
        List<String> entrypoint,
        List<String> args,
        Map<String, String> environment,
        Optional<String> workingDirectory,
        String user,
        List<String> exposedPorts,
        Map<String, String> labels,
        ImageFormat format,
        Platform platform,
        Instant creationTime,
        Instant filesModificationTime,
        List<LayerSpec> extraLayersBefore,
        Tool tool,
        List<String> volumes) {

    public static final String DEFAULT_APP_ROOT = ImagePaths.DEFAULT_APP_ROOT;
    /** The "nonroot" user of distroless images: a scratch image has no /etc/passwd to name it. */
    public static final String DEFAULT_USER = "65532:65532";
    public static final String EXECUTABLE_MODE = "755";

    public ImagePlan {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(platform, "platform");
        if (!appRoot.startsWith("/")) {
            throw new IllegalArgumentException("appRoot must be an absolute path in the image: " + appRoot);
        }
        entrypoint = List.copyOf(entrypoint);
        args = List.copyOf(args);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        exposedPorts = List.copyOf(exposedPorts);
        exposedPorts.forEach(ImagePlan::checkPort);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(creationTime, "creationTime");
        Objects.requireNonNull(filesModificationTime, "filesModificationTime");
        extraLayersBefore = List.copyOf(extraLayersBefore);
        Objects.requireNonNull(tool, "tool");
        volumes = List.copyOf(volumes);
    }

    private static final Pattern PORT = Pattern.compile("(\\d{1,5})(/(tcp|udp))?");

    private static void checkPort(String spec) {
        portProblem(spec).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Why {@code spec} is not a port Docker and Jib accept, or empty when it is one. */
    public static Optional<String> portProblem(String spec) {
        Matcher matcher = PORT.matcher(spec);
        if (matcher.matches() && Integer.parseInt(matcher.group(1)) >= 1 && Integer.parseInt(matcher.group(1)) <= 65535) {
            return Optional.empty();
        }
        return Optional.of("not a port: '" + spec + "' (expected 1-65535, optionally /tcp or /udp"
                + ", like 8080 or 53/udp, or a range like 1000-1003; Jib has no sctp)");
    }

    public static Builder builder(Path executable, Platform platform) {
        return new Builder(executable, platform);
    }

    /** Where the executable lands in the image: {@code appRoot/fileName}. */
    public String targetPath() {
        return targetPath(appRoot, executable);
    }

    private static String targetPath(String appRoot, Path executable) {
        return ImagePaths.inDirectory(appRoot, executable.getFileName().toString());
    }

    /** Builds an {@link ImagePlan}; unset fields take the documented defaults. */
    public static final class Builder {
        private final Path executable;
        private final Platform platform;
        private String appRoot = DEFAULT_APP_ROOT;
        private List<String> entrypoint;
        private List<String> args = List.of();
        private Map<String, String> environment = new LinkedHashMap<>();
        private String workingDirectory;
        private String user = DEFAULT_USER;
        private List<String> exposedPorts = List.of();
        private Map<String, String> labels = new LinkedHashMap<>();
        private ImageFormat format = ImageFormat.OCI;
        private Instant creationTime = Instant.EPOCH;
        private Instant filesModificationTime = Instant.EPOCH;
        private final List<LayerSpec> extraLayersBefore = new ArrayList<>();
        private Tool tool = Tool.CURRENT;
        private List<String> volumes = List.of();

        private Builder(Path executable, Platform platform) {
            this.executable = Objects.requireNonNull(executable, "executable");
            this.platform = Objects.requireNonNull(platform, "platform");
        }

        public Builder appRoot(String appRoot) {
            this.appRoot = appRoot;
            return this;
        }

        /** Defaults to the executable's path in the image alone. */
        public Builder entrypoint(List<String> entrypoint) {
            this.entrypoint = entrypoint;
            return this;
        }

        public Builder args(List<String> args) {
            this.args = args;
            return this;
        }

        /** Kept in the given iteration order, which is the order in the image config. */
        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public Builder workingDirectory(String workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Ports as Docker writes them: {@code 8080}, {@code 8080/tcp}, {@code 53/udp}. */
        public Builder exposedPorts(List<String> exposedPorts) {
            this.exposedPorts = exposedPorts;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        public Builder format(ImageFormat format) {
            this.format = format;
            return this;
        }

        public Builder creationTime(Instant creationTime) {
            this.creationTime = creationTime;
            return this;
        }

        public Builder filesModificationTime(Instant filesModificationTime) {
            this.filesModificationTime = filesModificationTime;
            return this;
        }

        /** The plugin named in the image history; tests pin it so that their digests survive a release. */
        public Builder tool(Tool tool) {
            this.tool = tool;
            return this;
        }

        /** Absolute paths in the image that the runtime mounts a volume on (the config's {@code Volumes}). */
        public Builder volumes(List<String> volumes) {
            this.volumes = volumes;
            return this;
        }

        public Builder addLayerBefore(LayerSpec layer) {
            extraLayersBefore.add(layer);
            return this;
        }

        public ImagePlan build() {
            List<String> effectiveEntrypoint = entrypoint != null
                    ? entrypoint
                    : List.of(targetPath(appRoot, executable));
            return new ImagePlan(executable, appRoot, effectiveEntrypoint, args, environment,
                    Optional.ofNullable(workingDirectory), user, exposedPorts, labels, format, platform,
                    creationTime, filesModificationTime, extraLayersBefore, tool, volumes);
        }
    }
}
