package io.github.scratchimage.analysis.golang;

import java.util.Objects;
import java.util.Optional;

/**
 * A module as the build information records it: {@code version} is {@code (devel)} for the main
 * module built from a work tree, {@code sum} is empty when the go command had none (the main
 * module, a directory replacement). A replacement is the module the code really came from.
 */
public record GoModule(String path, String version, String sum, Optional<GoModule> replacement) {
    public GoModule {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sum, "sum");
        Objects.requireNonNull(replacement, "replacement");
    }

    GoModule replacedBy(GoModule replacement) {
        return new GoModule(path, version, sum, Optional.of(replacement));
    }
}
