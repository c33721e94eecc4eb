package io.github.scratchimage.maven;

import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.parameters.PropertyNames;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the executable, then loads its {@code FROM scratch} image into a local engine through a
 * docker-compatible CLI ({@code <dockerClient><executable>}: {@code docker} by default, or
 * {@code podman}) with {@code load}. No daemon socket of our own.
 *
 * @since 0.1.0
 */
@Mojo(name = "dockerBuild", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class DockerBuildMojo extends AbstractImageMojo {
    /**
     * The CLI: {@code <executable>} (default {@code docker}), {@code <environment>} for it, and
     * {@code <options>} placed before {@code load} (e.g. podman's {@code --storage-driver=vfs}).
     *
     * @since 0.1.0
     */
    @Parameter
    protected DockerClientConfiguration dockerClient = new DockerClientConfiguration();

    /**
     * {@code <dockerClient><executable>} from the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.DOCKER_EXECUTABLE)
    protected String dockerExecutable;

    @Override
    protected Target target() {
        // A bare name ("podman") is looked up on the PATH, as a shell would; a path is used as given.
        String configured = override(dockerExecutable, dockerClient.executable);
        Path cli = Path.of(configured == null || configured.isBlank() ? "docker" : configured.trim());
        return new DockerClientTarget(cli, dockerClient.options, dockerClient.environment, imageOrDefault(), tags());
    }
}
