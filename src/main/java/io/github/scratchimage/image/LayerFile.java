package io.github.scratchimage.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file of a layer: where it comes from on this machine, where it lands in the image
 * (absolute), and its octal mode ({@code "755"}, {@code "644"}). The owner is always 0:0.
 */
public record LayerFile(Path source, String target, String mode) {

    public LayerFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("target path in the image must be absolute: " + target);
        }
        if (!mode.matches("[0-7]{3}")) {
            throw new IllegalArgumentException("mode must be three octal digits like 755: " + mode);
        }
    }
}
