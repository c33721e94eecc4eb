package io.github.scratchimage.analysis;

import java.util.Optional;

/** An OCI platform ({@code os}, {@code architecture}, {@code variant}), as a registry index lists it. */
public record Platform(String os, String architecture, Optional<String> variant) {

    public static Platform linux(String architecture) {
        return new Platform("linux", architecture, Optional.empty());
    }

    public static Platform linux(String architecture, String variant) {
        return new Platform("linux", architecture, Optional.of(variant));
    }

    /** {@code linux/arm64}, {@code linux/arm/v7}: the form docker and podman accept in {@code --platform}. */
    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
