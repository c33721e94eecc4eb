package io.github.scratchimage.pipeline;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the native executable when {@code <executable>} is not set: the main artifact if it is an
 * ELF file, else {@code target/${project.artifactId}} (where GraalVM's native-maven-plugin writes
 * it), else {@code target/${project.build.finalName}}. The error lists every place tried.
 */
public final class ExecutableLocator {
    private ExecutableLocator() {
    }

    /** Where to look: {@code <executable>} when set, else the project's main artifact and build directory. */
    public record Search(Optional<Path> configured, Optional<Path> mainArtifact, Path buildDirectory,
            String artifactId, String finalName) {
    }

    public static Path locate(Search search) throws InvalidInputException {
        return locate(search.configured(), search.mainArtifact(), search.buildDirectory(), search.artifactId(),
                search.finalName());
    }

    public static Path locate(Optional<Path> configured, Optional<Path> mainArtifact, Path buildDirectory,
            String artifactId, String finalName) throws InvalidInputException {
        if (configured.isPresent()) {
            Path path = configured.get();
            if (Files.isDirectory(path)) {
                throw new InvalidInputException("The configured executable " + path + " is a directory, not a file:"
                        + " set <executable> (" + PropertyNames.EXECUTABLE + ") to the native program itself");
            }
            if (!Files.exists(path)) {
                throw new InvalidInputException("The configured executable " + path + " does not exist: build it"
                        + " before the package phase ends, or fix <executable> (" + PropertyNames.EXECUTABLE + ")");
            }
            return path;
        }
        List<String> tried = new ArrayList<>();
        if (mainArtifact.isPresent() && Files.isRegularFile(mainArtifact.get())) {
            if (isElf(mainArtifact.get())) {
                return mainArtifact.get();
            }
            tried.add(mainArtifact.get() + " (the main artifact, not an ELF file)");
        } else {
            tried.add("the main artifact (none attached)");
        }
        for (String name : List.of(artifactId, finalName)) {
            Path candidate = buildDirectory.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            if (!tried.contains(candidate + " (missing)")) {
                tried.add(candidate + (Files.isDirectory(candidate) ? " (a directory)" : " (missing)"));
            }
        }
        throw new InvalidInputException("No native executable found. Tried: " + String.join(", ", tried)
                + ". Set <executable> in the plugin configuration or -D" + PropertyNames.EXECUTABLE + "=path/to/program");
    }

    private static boolean isElf(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }
}
