package io.github.scratchimage.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of a layer: a file copied from {@code source} on this machine, (when
 * {@code directory}) an empty directory with no source, or (when {@code linkTarget} is set) a
 * symlink to {@code linkTarget}, whose {@code source} is the file it resolves to, for readers
 * that need the content (the tar holds only the link), or null when the link resolves to nothing
 * the build can read (an absolute link such as Debian's {@code /etc/python3.11/sitecustomize.py},
 * which only the finished image can resolve). {@code target} is absolute in the image;
 * {@code mode} is octal, three digits ({@code "755"}, {@code "644"}) or four when a special bit is
 * meant ({@code "1777"} for /tmp, {@code "4755"} for setuid). The owner is always 0:0.
 */
public record LayerFile(Path source, String target, String mode, boolean directory, String linkTarget) {

    public LayerFile {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        if (directory && source != null) {
            throw new IllegalArgumentException("a directory entry has no source: " + target);
        }
        if (!directory && linkTarget == null && source == null) {
            throw new IllegalArgumentException("a file entry needs a source: " + target);
        }
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("target path in the image must be absolute: " + target);
        }
        if (!mode.matches("[0-7]?[0-7]{3}")) {
            throw new IllegalArgumentException("mode must be three or four octal digits like 755 or 1777: " + mode);
        }
    }

    /** A file from {@code source}. */
    public LayerFile(Path source, String target, String mode) {
        this(Objects.requireNonNull(source, "source"), target, mode, false, null);
    }

    /** An empty directory, such as {@code /tmp} with mode {@code 1777}. */
    public static LayerFile directory(String target, String mode) {
        return new LayerFile(null, target, mode, true, null);
    }

    /**
     * A symlink at {@code target} to {@code linkTarget} (written as given, relative or absolute),
     * which resolves to the file {@code resolvedSource} on this machine.
     */
    public static LayerFile symlink(String target, String linkTarget, Path resolvedSource) {
        return new LayerFile(Objects.requireNonNull(resolvedSource, "resolvedSource"), target, "777", false,
                Objects.requireNonNull(linkTarget, "linkTarget"));
    }

    /** A symlink whose target the build cannot read: it may exist only once every layer is stacked. */
    public static LayerFile unresolvedSymlink(String target, String linkTarget) {
        return new LayerFile(null, target, "777", false, Objects.requireNonNull(linkTarget, "linkTarget"));
    }

    public boolean symlink() {
        return linkTarget != null;
    }

    public int modeBits() {
        return Integer.parseInt(mode, 8);
    }
}
