package io.github.scratchimage.dpkg;

import java.util.Objects;

/** One line of a package's {@code md5sums}: a file it installed ({@code path}, absolute) and its MD5. */
public record Md5Sum(String path, String md5) {

    public Md5Sum {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(md5, "md5");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an md5sums path is absolute here: " + path);
        }
    }

    /** The line as dpkg writes it: the digest, two spaces, the path without its leading slash. */
    String render() {
        return md5 + "  " + path.substring(1) + "\n";
    }
}
