package io.github.scratchimage.image.content;

import io.github.scratchimage.parameters.PropertyNames;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 *
 * <p>The {@link ExtractionLimits} are counted as the archive is read, bytes as they are written,
 * so a bomb stops at the cap, never after it; what was extracted by then is deleted. Contents go
 * to {@code entry-<n>} files in the content directory only, whatever the entries' names say.
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

    static List<ArchiveEntry> read(Path archive, Path contentDir, ExtractionLimits limits)
            throws IOException, UnsafeArchiveException {
        Files.createDirectories(contentDir);
        Extraction extraction = new Extraction(archive, contentDir, limits);
        try {
            if (isZip(archive)) {
                return readZip(archive, extraction);
            }
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
                InputStream in = decompressed(raw);
                try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                    return readTar(tar, extraction);
                }
            }
        } catch (IOException | UnsafeArchiveException | RuntimeException e) {
            extraction.deleteExtracted(e);
            throw e;
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

    private static List<ArchiveEntry> readTar(TarArchiveInputStream tar, Extraction extraction)
            throws IOException, UnsafeArchiveException {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            extraction.count(e.getName());
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
                        extraction.extract(tar, e.getName(), e.getSize(), entries.size())));
            } else {
                entries.add(new ArchiveEntry(e.getName(), ArchiveEntry.Type.OTHER, mode, null, null));
            }
        }
        return entries;
    }

    private static List<ArchiveEntry> readZip(Path archive, Extraction extraction)
            throws IOException, UnsafeArchiveException {
        List<ArchiveEntry> entries = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder(); all.hasMoreElements(); ) {
                ZipArchiveEntry e = all.nextElement();
                extraction.count(e.getName());
                int unix = e.getUnixMode();
                int type = unix & S_IFMT;
                int mode = unix & 07777;
                if (e.isUnixSymlink()) {
                    String target;
                    try (InputStream in = zip.getInputStream(e)) {
                        // A link's text is a path: PATH_MAX, not a size a bomb can choose.
                        target = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
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
                                null, extraction.extract(in, e.getName(), e.getSize(), entries.size())));
                    }
                }
            }
        }
        return entries;
    }

    /** One archive's extraction: what it has written and how much of the limits it has used. */
    private static final class Extraction {
        private final Path archive;
        private final Path contentDir;
        private final ExtractionLimits limits;
        private final List<Path> written = new ArrayList<>();
        private long entries;
        private long bytes;

        Extraction(Path archive, Path contentDir, ExtractionLimits limits) {
            this.archive = archive;
            this.contentDir = contentDir;
            this.limits = limits;
        }

        void count(String entry) throws UnsafeArchiveException {
            if (++entries > limits.maxEntries()) {
                throw new UnsafeArchiveException(archive, entry, "is past the cap of " + limits.maxEntries()
                        + " entries per rootfs archive (<archiveMaxEntries>, " + PropertyNames.ARCHIVE_MAX_ENTRIES
                        + ")", "an archive with that many entries is a decompression bomb or not a rootfs for a"
                        + " scratch image: check what it holds (tar -tvf), and raise <archiveMaxEntries> only for"
                        + " an archive you trust");
            }
        }

        /** {@code declaredSize} is the header's, or negative when unknown; the bytes are counted either way. */
        Path extract(InputStream in, String entry, long declaredSize, int index)
                throws IOException, UnsafeArchiveException {
            if (declaredSize > 0 && declaredSize > limits.maxBytes() - bytes) {
                throw tooLarge(entry);
            }
            Path file = contentDir.resolve("entry-" + index);
            written.add(file);
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (n > limits.maxBytes() - bytes) {
                        throw tooLarge(entry);
                    }
                    bytes += n;
                    out.write(buffer, 0, n);
                }
            }
            return file;
        }

        private UnsafeArchiveException tooLarge(String entry) {
            return new UnsafeArchiveException(archive, entry, "takes the extracted contents past the cap of "
                    + limits.maxBytes() + " bytes (" + (limits.maxBytes() >> 20) + " MiB) per rootfs archive"
                    + " (<archiveMaxSize>, " + PropertyNames.ARCHIVE_MAX_SIZE + ")",
                    "an archive that expands that far is a decompression bomb or not a rootfs for a scratch image:"
                            + " check what it holds (tar -tvf lists the sizes), and raise <archiveMaxSize> only for"
                            + " an archive you trust");
        }

        /** Best effort: a failed extraction leaves none of its files behind. */
        void deleteExtracted(Exception failure) {
            for (Path file : written) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
