package io.github.scratchimage.sbom;

import java.util.Objects;
import java.util.Optional;

/**
 * The image the SBOM describes: {@code name} is its repository
 * ({@code registry.example.com/team/app}), {@code version} its tag when it has one, and
 * {@code manifestDigest} ({@code sha256:<hex>}) what pins it.
 */
public record ImageIdentity(String name, Optional<String> version, String manifestDigest) {

    public ImageIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(manifestDigest, "manifestDigest");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the image needs a name, such as registry.example.com/team/app");
        }
        if (!manifestDigest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the image manifest digest is sha256: and 64 lowercase hex digits: '"
                    + manifestDigest + "'");
        }
    }
}
