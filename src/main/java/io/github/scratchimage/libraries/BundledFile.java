package io.github.scratchimage.libraries;

import java.nio.file.Path;
import java.util.List;

/**
 * A file the image must contain.
 *
 * @param imagePath the path the loader opens: the directory it searched plus the name it looked
 *                  for (for the interpreter, the {@code PT_INTERP} path), never a symlink's target
 * @param source    the regular file on this machine after every symlink was followed inside the
 *                  sysroot; the image stores its content, as Jib cannot store symlinks
 * @param size      the source's size in bytes
 * @param foundVia  the search step that found it
 * @param neededBy  who needs it and why, first need first
 */
public record BundledFile(String imagePath, Path source, long size, FoundVia foundVia, List<Need> neededBy) {

    public BundledFile {
        neededBy = List.copyOf(neededBy);
    }

    /** Why the file was first added. */
    public Reason reason() {
        return neededBy.get(0).reason();
    }

    /** The file name, as {@code DT_NEEDED} names it. */
    public String fileName() {
        return imagePath.substring(imagePath.lastIndexOf('/') + 1);
    }
}
