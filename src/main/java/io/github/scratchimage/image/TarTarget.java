package io.github.scratchimage.image;

import java.nio.file.Path;
import java.util.List;

/**
 * Write the image to a tar file, an OCI layout or a {@code docker save} archive depending on the
 * plan's format. {@code reference} names the image inside the tar, and so does each of
 * {@code extraTags} (the same repository under another tag), as {@code <to><tags>} does for a push.
 */
public record TarTarget(Path output, String reference, List<String> extraTags) implements Target {

    public TarTarget {
        extraTags = List.copyOf(extraTags);
    }

    /** Named by its reference alone. */
    public TarTarget(Path output, String reference) {
        this(output, reference, List.of());
    }
}
