package io.github.scratchimage.sbom;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an image's SBOM says, gathered by the caller. {@code timestamp} is the build's
 * (a reproducible build passes a fixed one); {@code files} lists every regular file of the image,
 * the executable's included. {@code operatingSystem} is present when {@code osPackages} are.
 */
public record SbomInput(ImageIdentity image, ToolIdentity tool, Instant timestamp, List<ImageFile> files,
        ExecutableFacts executable, Optional<OperatingSystem> operatingSystem, List<OsPackage> osPackages,
        List<GoModule> goModules, List<FileDependency> dependencies) {

    public SbomInput {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(operatingSystem, "operatingSystem");
        files = List.copyOf(files);
        osPackages = List.copyOf(osPackages);
        goModules = List.copyOf(goModules);
        dependencies = List.copyOf(dependencies);
    }
}
