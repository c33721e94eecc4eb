package io.github.scratchimage.pipeline;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.paths.ImagePaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <container>}, validated: every value here is one the image can carry. Labels hold the
 * POM's {@code org.opencontainers.image.*} labels first and the user's after, so the user's win.
 */
public record ContainerSettings(
        Optional<List<String>> entrypoint,
        List<String> args,
        Map<String, String> environment,
        Optional<String> workingDirectory,
        String user,
        List<String> ports,
        Map<String, String> labels,
        ImageFormat format,
        Instant creationTime,
        Instant filesModificationTime,
        Optional<String> platform,
        List<String> volumes) {

    public ContainerSettings {
        volumes = List.copyOf(volumes);
        entrypoint = entrypoint.map(List::copyOf);
        args = List.copyOf(args);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        ports = List.copyOf(ports);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** Without volumes. */
    public ContainerSettings(Optional<List<String>> entrypoint, List<String> args, Map<String, String> environment,
            Optional<String> workingDirectory, String user, List<String> ports, Map<String, String> labels,
            ImageFormat format, Instant creationTime, Instant filesModificationTime, Optional<String> platform) {
        this(entrypoint, args, environment, workingDirectory, user, ports, labels, format, creationTime,
                filesModificationTime, platform, List.of());
    }

    /**
     * {@code <container><volumes>}: absolute paths in the image, normalised ({@code /data/} is
     * {@code /data}), each once, in order.
     */
    public static List<String> volumes(List<String> values) throws InvalidInputException {
        Set<String> volumes = new LinkedHashSet<>();
        for (String value : values) {
            String volume = value == null ? "" : value.trim();
            if (!volume.startsWith("/")) {
                throw new InvalidInputException("Invalid <container><volumes> entry (" + PropertyNames.CONTAINER_VOLUMES
                        + "): '" + volume + "' is not an absolute path in the image; write it as /data");
            }
            volumes.add(ImagePaths.normalize(volume));
        }
        return List.copyOf(volumes);
    }

    /** {@code <container><format>}: {@code OCI} or {@code Docker}, in any case. */
    public static ImageFormat format(String value) throws InvalidInputException {
        return switch (value == null ? "oci" : value.trim().toLowerCase(Locale.ROOT)) {
            case "oci" -> ImageFormat.OCI;
            case "docker" -> ImageFormat.DOCKER;
            default -> throw new InvalidInputException("<container><format> (" + PropertyNames.CONTAINER_FORMAT
                    + ") is '" + value + "'; it must be OCI or Docker");
        };
    }

    private static final Pattern PORT_RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})(/(tcp|udp))?");

    /**
     * {@code <container><ports>}: each {@code 8080}, {@code 8080/tcp}, {@code 53/udp}, or a range
     * {@code 1000-1003} (also {@code /udp}) that stands for each port in it, as Jib reads them.
     */
    public static List<String> ports(List<String> values) throws InvalidInputException {
        List<String> ports = new ArrayList<>();
        for (String value : values) {
            String port = value == null ? "" : value.trim();
            Matcher range = PORT_RANGE.matcher(port);
            if (range.matches()) {
                int first = Integer.parseInt(range.group(1));
                int last = Integer.parseInt(range.group(2));
                String protocol = range.group(3) == null ? "" : range.group(3);
                if (first > last) {
                    throw new InvalidInputException("Invalid <container><ports> entry: '" + port
                            + "' is a range from a higher port to a lower one; write it as " + last + "-" + first
                            + protocol);
                }
                for (int p = first; p <= last; p++) {
                    ports.add(checked(p + protocol));
                }
            } else {
                ports.add(checked(port));
            }
        }
        return List.copyOf(ports);
    }

    private static String checked(String port) throws InvalidInputException {
        Optional<String> problem = ImagePlan.portProblem(port);
        if (problem.isPresent()) {
            throw new InvalidInputException("Invalid <container><ports> entry: " + problem.get());
        }
        return port;
    }
}
