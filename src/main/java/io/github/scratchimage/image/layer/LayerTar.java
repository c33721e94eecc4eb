package io.github.scratchimage.image.layer;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a layer's files as the uncompressed tar an image layer is: one POSIX ustar header per
 * entry, owner 0:0 with no user or group names, one modification time for all, no parent
 * directory entries that were not asked for, and the two zero blocks that end an archive.
 *
 * <p>A file whose content and mode equal an earlier file's in the same layer is written as a hard
 * link to it: time zone aliases ({@code UTC} and {@code Etc/UTC}) and a library reached under two
 * names are then stored once, where a copy would be compressed twice.
 *
 * <p>Why our own writer and not Jib's: Jib adds PAX headers with access and change times to every
 * entry and a directory entry for every parent, about 250 bytes per image that carry nothing a
 * runtime reads. Runtimes create missing parent directories (mode 755, owner 0:0) when they
 * unpack a layer, as they do for layers written by {@code docker build}.
 */
public final class LayerTar {
    private static final int REGULAR_FILE = 0100000;
    private static final int DIRECTORY = 040000;
    private static final int SYMLINK = 0120000;
    /** One 512-byte record: no padding to tar's traditional 10 KiB blocks. */
    private static final int RECORD_SIZE = 512;

    private LayerTar() {
    }

    /**
     * @param contentHashes one per file of the layer, in order: the sha256 of a file's content,
     *                      null for a directory
     */
    static void write(LayerSpec layer, List<String> contentHashes, Instant modificationTime, OutputStream out)
            throws IOException {
        // The tar stream is closed to write its end blocks; the caller's stream stays open.
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out), RECORD_SIZE,
                java.nio.charset.StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        Map<String, String> firstNameByContent = new HashMap<>();
        for (int i = 0; i < layer.files().size(); i++) {
            LayerFile file = layer.files().get(i);
            String name = file.target().substring(1);
            String linkTarget = file.directory() || file.symlink() ? null
                    : firstNameByContent.putIfAbsent(contentHashes.get(i) + " " + file.modeBits(), name);
            TarArchiveEntry entry;
            if (file.symlink()) {
                entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                entry.setLinkName(file.linkTarget());
                entry.setMode(SYMLINK | 0777);
            } else if (linkTarget != null) {
                entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
                entry.setLinkName(linkTarget);
                entry.setMode(REGULAR_FILE | file.modeBits());
            } else if (file.directory()) {
                entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
                entry.setMode(DIRECTORY | file.modeBits());
            } else {
                entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                entry.setMode(REGULAR_FILE | file.modeBits());
                entry.setSize(Files.size(file.source()));
            }
            entry.setIds(0, 0);
            entry.setUserName("");
            entry.setGroupName("");
            entry.setModTime(modificationTime.toEpochMilli());
            tar.putArchiveEntry(entry);
            if (!file.directory() && !file.symlink() && linkTarget == null) {
                Files.copy(file.source(), tar);
            }
            tar.closeArchiveEntry();
        }
        tar.close();
    }

    /** Lets the tar writer close itself (which writes its end) without closing the target. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
