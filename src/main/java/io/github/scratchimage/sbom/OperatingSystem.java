package io.github.scratchimage.sbom;

import java.util.Objects;

/**
 * The distribution the image's packages come from, as os-release names it ({@code debian},
 * {@code 12}). Scanners read it to know whose security advisories apply to the packages.
 */
public record OperatingSystem(String id, String versionId) {

    public OperatingSystem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(versionId, "versionId");
    }
}
