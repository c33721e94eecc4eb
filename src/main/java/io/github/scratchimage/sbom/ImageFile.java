package io.github.scratchimage.sbom;

import java.util.Objects;

/** A regular file of the image: {@code path} absolute in the image, {@code sha256} its content digest in hex. */
public record ImageFile(String path, String sha256) {

    public ImageFile {
        ImageFile.requirePath(path);
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the SHA-256 of " + path + " is 64 lowercase hex digits: '"
                    + sha256 + "'");
        }
    }

    static void requirePath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path in the image is absolute: '" + path + "'");
        }
    }
}
