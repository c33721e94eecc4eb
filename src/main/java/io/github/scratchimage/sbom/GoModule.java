package io.github.scratchimage.sbom;

import java.util.Objects;

/** A Go module compiled into the executable, as its build info records it: {@code golang.org/x/net v0.25.0}. */
public record GoModule(String path, String version) {

    public GoModule {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
    }
}
