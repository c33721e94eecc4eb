package io.github.scratchimage.image.content;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Writes archives entry by entry with Commons Compress, including entries no sane tool would write. */
public final class CraftedArchive {
    enum Format { TAR, TAR_GZ, TAR_XZ, TAR_BZ2, ZIP }

    private record Entry(String name, byte type, int mode, String content) {
    }

    private final List<Entry> entries = new ArrayList<>();

    CraftedArchive file(String name, int mode, String content) {
        entries.add(new Entry(name, TarConstants.LF_NORMAL, mode, content));
        return this;
    }

    CraftedArchive directory(String name, int mode) {
        entries.add(new Entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode, null));
        return this;
    }

    CraftedArchive symlink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_SYMLINK, 0777, target));
        return this;
    }

    CraftedArchive hardLink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_LINK, 0644, target));
        return this;
    }

    CraftedArchive special(String name, byte tarType) {
        entries.add(new Entry(name, tarType, 0644, null));
        return this;
    }

    Path write(Path file, Format format) throws IOException {
        Files.createDirectories(file.getParent());
        if (format == Format.ZIP) {
            writeZip(file);
            return file;
        }
        try (OutputStream out = compressed(format, Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true); // keep a leading /
                entry.setMode(entry.getMode() & ~07777 | e.mode());
                entry.setUserId(1000);
                entry.setGroupId(1000);
                if (e.type() == TarConstants.LF_SYMLINK || e.type() == TarConstants.LF_LINK) {
                    entry.setLinkName(e.content());
                }
                byte[] bytes = e.type() == TarConstants.LF_NORMAL ? e.content().getBytes(StandardCharsets.UTF_8) : new byte[0];
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private static OutputStream compressed(Format format, OutputStream out) throws IOException {
        return switch (format) {
            case TAR_GZ -> new GzipCompressorOutputStream(out);
            case TAR_XZ -> new XZCompressorOutputStream(out);
            case TAR_BZ2 -> new BZip2CompressorOutputStream(out);
            default -> out;
        };
    }

    private void writeZip(Path file) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Entry e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.name());
                int type = switch (e.type()) {
                    case TarConstants.LF_DIR -> 0040000;
                    case TarConstants.LF_SYMLINK -> 0120000;
                    case TarConstants.LF_FIFO -> 0010000;
                    default -> 0100000;
                };
                entry.setUnixMode(type | e.mode());
                zip.putArchiveEntry(entry);
                if (e.content() != null) {
                    zip.write(e.content().getBytes(StandardCharsets.UTF_8));
                }
                zip.closeArchiveEntry();
            }
        }
    }

    static CraftedArchive with(Consumer<CraftedArchive> entries) {
        CraftedArchive archive = new CraftedArchive();
        entries.accept(archive);
        return archive;
    }
}
