package io.github.scratchimage.image.content;

import java.nio.file.Path;

/**
 * One entry of a rootfs archive as read, before any check: its raw name, type, permission bits
 * (with setuid/setgid/sticky), link target for links, and for files where its content was
 * extracted to.
 */
public record ArchiveEntry(String rawName, Type type, int mode, String linkTarget, Path content) {
    enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, DEVICE_OR_FIFO, OTHER }
}
