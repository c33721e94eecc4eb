package io.github.scratchimage.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Load the image into a local engine through a docker-compatible CLI ({@code docker},
 * {@code podman}) with {@code <cli> <globalOptions> load -i <tar>}. No daemon socket is used.
 *
 * @param cli            the CLI executable, a path or a name looked up on the PATH
 * @param globalOptions  options placed before {@code load}, e.g. podman's
 *                       {@code --storage-driver=vfs}
 * @param environment    variables added to the CLI's environment (e.g. {@code DOCKER_HOST})
 * @param reference      the name the loaded image gets
 * @param extraTags      further tags of the same repository the loaded image gets
 */
public record DockerClientTarget(Path cli, List<String> globalOptions, Map<String, String> environment,
        String reference, List<String> extraTags) implements Target {

    public DockerClientTarget {
        globalOptions = List.copyOf(globalOptions);
        environment = Map.copyOf(environment);
        extraTags = List.copyOf(extraTags);
    }

    /** Named by its reference alone. */
    public DockerClientTarget(Path cli, List<String> globalOptions, Map<String, String> environment,
            String reference) {
        this(cli, globalOptions, environment, reference, List.of());
    }

    public static DockerClientTarget of(Path cli, String reference) {
        return new DockerClientTarget(cli, List.of(), Map.of(), reference);
    }
}
