package io.github.scratchimage.image;

import java.nio.file.Path;

/**
 * Write the image to a tar file, an OCI layout or a {@code docker save} archive depending on the
 * plan's format. {@code reference} names the image inside the tar.
 */
public record TarTarget(Path output, String reference) implements Target {
}
