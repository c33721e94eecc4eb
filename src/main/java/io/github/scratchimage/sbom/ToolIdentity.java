package io.github.scratchimage.sbom;

import java.util.Objects;

/** The program that wrote the SBOM ({@code scratch-maven-plugin}, {@code 0.1.0}). */
public record ToolIdentity(String name, String version) {

    public ToolIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
