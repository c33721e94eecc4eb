package io.github.scratchimage.image.content;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveException;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Reads tar (plain, gzip, xz, bzip2) and zip archives into {@link ArchiveEntry}s, extracting file
 * contents to a directory. The format is detected from the bytes, not the file name. Zip goes
 * through {@link ZipFile} because only the central directory carries Unix modes and symlinks.
 */
public final class ArchiveEntryReader {
    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;

    private static final Set<String> COMPRESSIONS = Set.of(CompressorStreamFactory.GZIP, CompressorStreamFactory.XZ,
            CompressorStreamFactory.BZIP2);
    /**
     * xz's decoder allocates the dictionary its header asks for; {@code xz -9} needs 65 MiB, so a
     * header asking for more than this is an attack or a corrupt file, not a rootfs.
     */
    static final int MAX_DECOMPRESSION_MEMORY_KIB = 256 * 1024;

    private ArchiveEntryReader() {
    }

    static List<ArchiveEntry> read(Path archive, Path contentDir) throws IOException {
        Files.createDirectories(contentDir);
        if (isZip(archive)) {
            return readZip(archive, contentDir);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            InputStream in = decompressed(raw);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                return readTar(tar, contentDir);
            }
        }
    }

    private static boolean isZip(Path archive) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            return ArchiveStreamFactory.ZIP.equals(ArchiveStreamFactory.detect(in));
        } catch (ArchiveException e) {
            return false; // compressed tar: the compressor is detected next
        }
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        String compression;
        try {
            compression = CompressorStreamFactory.detect(in);
        } catch (CompressorException e) {
            return in; // not compressed
        }
        if (!COMPRESSIONS.contains(compression)) {
            // Commons Compress also detects lzma, Z, lz4, snappy, deflate...: formats nobody ships a
            // rootfs in, whose headers alone can ask for gigabytes (a 13-byte .lzma header did).
            throw new IOException("compressed with " + compression + ", which is not supported: use tar, tar.gz,"
                    + " tar.xz, tar.bz2 or zip");
        }
        try {
            return new CompressorStreamFactory(true, MAX_DECOMPRESSION_MEMORY_KIB)
                    .createCompressorInputStream(compression, in);
        } catch (CompressorException e) {
            throw new IOException("cannot decompress (" + compression + "): " + e.getMessage(), e);
        }
    }

    private static List<ArchiveEntry> readTar(TarArchiveInputStream tar, Path contentDir) throws IOException {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            int mode = e.getMode() & 07777;
            if (e.isSymbolicLink()) {
                entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.SYMLINK, mode, e.getLinkName(), null));
            } else if (e.isLink()) {
                entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.HARDLINK, mode, e.getLinkName(), null));
            } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.DEVICE_OR_FIFO, mode, null, null));
            } else if (e.isDirectory()) {
                entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.DIRECTORY, mode, null, null));
            } else if (e.isFile()) {
                entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.FILE, mode, null,
                        extract(tar, contentDir, entries.size())));
            } else {
                entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.OTHER, mode, null, null));
            }
        }
        return entries;
    }

    private static List<ArchiveEntry> readZip(Path archive, Path contentDir) throws IOException {
        List<ArchiveEntry> entries = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder(); all.hasMoreElements(); ) {
                ZipArchiveEntry e = all.nextElement();
                int unix = e.getUnixMode();
                int type = unix & S_IFMT;
                int mode = unix & 07777;
                if (e.isUnixSymlink()) {
                    String target;
                    try (InputStream in = zip.getInputStream(e)) {
                        target = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.SYMLINK, mode, target, null));
                } else if (e.isDirectory() || type == S_IFDIR) {
                    entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.DIRECTORY,
                            unix == 0 ? 0755 : mode, null, null));
                } else if (type != 0 && type != S_IFREG && type != S_IFLNK) {
                    entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.DEVICE_OR_FIFO, mode, null, null));
                } else {
                    try (InputStream in = zip.getInputStream(e)) {
                        // A zip made on Windows has no Unix mode: files become 644.
                        entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.FILE, unix == 0 ? 0644 : mode,
                                null, extract(in, contentDir, entries.size())));
                    }
                }
            }
        }
        return entries;
    }

    private static Path extract(InputStream in, Path contentDir, int index) throws IOException {
        Path file = contentDir.resolve("entry-" + index);
        Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
