package io.github.scratchimage.sbom;

import java.util.Objects;
import java.util.Optional;

/**
 * The program the image runs, as its ELF headers describe it: {@code architecture} as images name
 * it ({@code amd64}), {@code linkage} ({@code static}, {@code static-pie}, {@code dynamic}),
 * {@code libc} ({@code glibc}, {@code musl}, {@code none}), and its GNU build-id in hex when the
 * linker wrote one. {@code path} must be one of the image's files.
 */
public record ExecutableFacts(String path, String architecture, String linkage, String libc,
        Optional<String> buildId) {

    public ExecutableFacts {
        ImageFile.requirePath(path);
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(linkage, "linkage");
        Objects.requireNonNull(libc, "libc");
        Objects.requireNonNull(buildId, "buildId");
    }

    /** The file name, which names the application component. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
