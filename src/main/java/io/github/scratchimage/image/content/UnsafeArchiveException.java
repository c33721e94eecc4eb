package io.github.scratchimage.image.content;

import io.github.scratchimage.failure.InvalidInputException;
import java.nio.file.Path;

/**
 * A rootfs archive holds an entry the plugin will not put into an image: one that leaves the
 * root, writes through a symlink, links outside the archive, is a device or fifo, carries
 * setuid/setgid bits that were not allowed, or replaces a path the plugin owns. The archive is
 * the user's input, so this is the user's to fix; the message names archive, entry and fix.
 */
public final class UnsafeArchiveException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient Path archive;
    private final String entry;

    public UnsafeArchiveException(Path archive, String entry, String problem, String fix) {
        super(archive + ": entry " + entry + " " + problem + "; " + fix, archive.toString(), problem, fix);
        this.archive = archive;
        this.entry = entry;
    }

    public Path archive() {
        return archive;
    }

    public String entry() {
        return entry;
    }
}
