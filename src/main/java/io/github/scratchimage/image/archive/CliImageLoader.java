package io.github.scratchimage.image.archive;

import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.events.Messages;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code <cli> <globalOptions> load -i <tar>}. Used instead of Jib's DockerDaemonImage
 * because that takes only an executable path, so podman's global options (a storage driver on a
 * host without overlay) could not be passed, and because it runs {@code docker info} first,
 * whose output podman formats differently.
 */
public final class CliImageLoader {
    private static final long TIMEOUT_MINUTES = 10;

    /** What to do instead when the CLI is missing or has no engine to talk to. */
    static final String ALTERNATIVES = "Load into podman, which needs no daemon, with"
            + " <dockerClient><executable>podman</executable> (-D" + PropertyNames.DOCKER_EXECUTABLE + "=podman),"
            + " or write a tar with scratch:buildTar, which needs no engine at all";
    private static final String NO_DAEMON = "No Docker daemon is running for the CLI: start it (or point"
            + " <dockerClient><environment><DOCKER_HOST> at one), or " + ALTERNATIVES.substring(0, 1).toLowerCase()
            + ALTERNATIVES.substring(1);

    private CliImageLoader() {
    }

    /** docker's own words when its daemon is not there, whichever version and socket. */
    static boolean noDaemon(String output) {
        return output.contains("Cannot connect to the Docker daemon") || output.contains("Is the docker daemon running");
    }

    /**
     * The platform of the engine the CLI talks to, {@code linux/amd64}, from {@code <cli> version}:
     * docker's server names its {@code Os} and {@code Arch}; podman without a remote service has no
     * server, and its client, which is the engine, names {@code OsArch}.
     */
    public static String platform(DockerClientTarget target) throws ImageBuildException {
        List<String> command = new ArrayList<>();
        command.add(target.cli().toString());
        command.addAll(target.globalOptions());
        command.addAll(List.of("version", "--format", "{{json .}}"));
        String output = run(command, target, "ask which platform its engine runs");
        try {
            com.fasterxml.jackson.databind.JsonNode version = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(output.strip());
            for (String side : List.of("Server", "Client")) {
                com.fasterxml.jackson.databind.JsonNode node = version.path(side);
                if (node.hasNonNull("Os") && node.hasNonNull("Arch")) {
                    return node.get("Os").asText() + "/" + node.get("Arch").asText();
                }
                if (node.hasNonNull("OsArch")) {
                    return node.get("OsArch").asText();
                }
            }
        } catch (IOException e) {
            // answered below
        }
        throw new ImageBuildException(String.join(" ", command) + " did not name the engine's platform: "
                + Messages.clean(output.strip(), null));
    }

    public static String load(DockerClientTarget target, Path tar) throws ImageBuildException {
        List<String> command = new ArrayList<>();
        command.add(target.cli().toString());
        command.addAll(target.globalOptions());
        command.addAll(List.of("load", "-i", tar.toString()));
        return run(command, target, "load the image");
    }

    private static String run(List<String> command, DockerClientTarget target, String purpose)
            throws ImageBuildException {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(target.environment());
            process = builder.start();
        } catch (IOException e) {
            throw new ImageBuildException("could not run " + target.cli() + " to " + purpose + ": " + e.getMessage()
                    + ". " + ALTERNATIVES, e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new ImageBuildException(String.join(" ", command) + " did not finish in "
                        + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                String said = Messages.clean(output.strip(), null);
                throw new ImageBuildException(String.join(" ", command) + " exited with "
                        + process.exitValue() + ": " + said + (noDaemon(said) ? ". " + NO_DAEMON : ""));
            }
            return output;
        } catch (IOException e) {
            throw new ImageBuildException("could not read the output of " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
