package io.github.scratchimage.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code <dockerClient>}: the docker-compatible CLI that {@code dockerBuild} loads the image with. */
public class DockerClientConfiguration {
    /** {@code docker} on the PATH by default; {@code podman} works too. */
    String executable;
    Map<String, String> environment = new LinkedHashMap<>();
    /** Global options before {@code load}, e.g. {@code --storage-driver=vfs} for podman. */
    List<String> options = new ArrayList<>();
}
