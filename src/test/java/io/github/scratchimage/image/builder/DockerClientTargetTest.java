package io.github.scratchimage.image.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class DockerClientTargetTest {
    /** The only podman configuration that works on these machines: no overlay, no systemd. */
    private static final List<String> PODMAN_OPTIONS =
            List.of("--storage-driver=vfs", "--cgroup-manager=cgroupfs", "--runtime=runc");
    private static final String IMAGE = "localhost/scratch-image-test/hello:podman";

    @TempDir
    Path work;

    private static final String STABLE = "localhost/scratch-image-test/hello:stable";

    @AfterEach
    void removeImage() {
        for (String image : List.of(IMAGE, STABLE)) {
            try {
                podman("rmi", "--force", image);
            } catch (AssertionError alreadyGone) {
                // nothing to clean up
            }
        }
    }

    @Test
    void everyTagIsLoaded() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));

        ImageResult result = new ImageBuilder(work.resolve("cache"), BuildListener.NONE).build(
                ImagePlan.builder(hello, Platform.linux("amd64")).build(),
                new DockerClientTarget(Path.of("podman"), PODMAN_OPTIONS, Map.of(), IMAGE, List.of("stable")));

        assertThat(result.tags()).containsExactly("podman", "stable");
        for (String image : List.of(IMAGE, STABLE)) {
            assertThat(podman("image", "inspect", "--format", "{{.Id}}", image).strip())
                    .isEqualTo(result.imageId().substring("sha256:".length()));
        }
    }

    @Test
    void loadsIntoPodmanThroughItsCliAndTheImageRuns() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));

        ImageResult result = new ImageBuilder(work.resolve("cache"), BuildListener.NONE).build(
                ImagePlan.builder(hello, Platform.linux("amd64")).build(),
                new DockerClientTarget(Path.of("podman"), PODMAN_OPTIONS, Map.of(), IMAGE));

        assertThat(result.delivered()).isTrue();
        assertThat(result.format()).isEqualTo(ImageFormat.DOCKER);
        assertThat(podman("image", "inspect", "--format", "{{.Id}}", IMAGE).strip())
                .isEqualTo(result.imageId().substring("sha256:".length()));
        assertThat(podman("run", "--rm", "--network=none", "--ulimit", "nofile=20000:20000",
                "--ulimit", "nproc=1000:1000", IMAGE)).isEqualTo("hello from scratch\n");
    }

    @Test
    void failingCliIsReportedWithItsCommandAndOutput() {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));

        ImageBuildException failure = org.assertj.core.api.Assertions.catchThrowableOfType(ImageBuildException.class,
                () -> new ImageBuilder(work.resolve("cache"), BuildListener.NONE).build(
                        ImagePlan.builder(hello, Platform.linux("amd64")).build(),
                        new DockerClientTarget(Path.of("podman"), List.of("--no-such-option"), Map.of(), IMAGE)));

        assertThat(failure.getMessage()).contains("podman --no-such-option load -i").contains("exited with");
    }

    @Test
    void aDockerWithoutItsDaemonNamesPodmanAndBuildTar() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));
        // fails as docker 24-27 does when nothing listens on its socket
        Path docker = java.nio.file.Files.writeString(work.resolve("docker"), """
                #!/bin/sh
                echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2
                exit 1
                """);
        docker.toFile().setExecutable(true);

        ImageBuildException failure = org.assertj.core.api.Assertions.catchThrowableOfType(ImageBuildException.class,
                () -> new ImageBuilder(work.resolve("cache"), BuildListener.NONE).build(
                        ImagePlan.builder(hello, Platform.linux("amd64")).build(),
                        DockerClientTarget.of(docker, IMAGE)));

        assertThat(failure.getMessage()).contains(docker + " load -i").contains("exited with 1")
                .contains("Cannot connect to the Docker daemon")
                .contains("<dockerClient><executable>podman</executable>")
                .contains("scratch.dockerClient.executable=podman").contains("scratch:buildTar");
    }

    @Test
    void aMissingCliNamesPodmanAndBuildTar() {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));

        ImageBuildException failure = org.assertj.core.api.Assertions.catchThrowableOfType(ImageBuildException.class,
                () -> new ImageBuilder(work.resolve("cache"), BuildListener.NONE).build(
                        ImagePlan.builder(hello, Platform.linux("amd64")).build(),
                        DockerClientTarget.of(work.resolve("no-such-docker"), IMAGE)));

        assertThat(failure.getMessage()).contains("could not run " + work.resolve("no-such-docker"))
                .contains("<dockerClient><executable>podman</executable>").contains("scratch:buildTar");
    }

    private static String podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(PODMAN_OPTIONS);
        command.addAll(List.of(args));
        return TestExecutables.run(command, "apt-get install podman");
    }
}
