package io.github.scratchimage.image.layer;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;

/**
 * Compressed layers, kept by what went into them: a layer whose files have the same contents,
 * paths, modes and time as an earlier one is not compressed again, even after {@code mvn clean}.
 *
 * <p>Why the key is the content: Jib keys its layer cache by source path, size and modification
 * time; with normalised times a rebuilt executable of the same size would reuse the stale layer.
 * The key here hashes every source file, so that cannot happen.
 *
 * <p>Layout: {@code blobs/sha256/<hex>} holds compressed bytes named by their digest;
 * {@code layers/<key>} records which blob a key made. Both are written to a temporary name and
 * renamed, so concurrent builds and a killed build never leave a half-written entry behind. The
 * key includes the compression and its level ({@link LayerCompression#cacheKey()}): a zstd
 * build never reuses a gzip blob, nor a level-1 build a level-9 one.
 *
 * <p>Every blob this store returns is first marked in the build's {@link BlobLease}, on a hit
 * before the blob is trusted and on a write before it is moved into place, so an eviction
 * ({@link BlobStoreCap}) running meanwhile never removes a blob the build is about to use.
 */
public final class LayerBlobStore {
    /** Changes whenever the tar or compressed bytes for the same input would change. */
    private static final String FORMAT_VERSION = "layer-v2";
    /**
     * A partial file this old was left by a build that was killed: one being written is touched
     * with every chunk, and compressing even a gigabyte takes minutes, not an hour.
     */
    public static final Duration STALE_PARTIAL_AGE = Duration.ofHours(1);

    private final Path root;
    private final LayerCompression compression;
    private final ExecutorService executor;
    private final int threads;
    private final BlobLease lease;
    private final FileHashes hashes;
    private boolean partialsSwept;

    /**
     * @param lease the build's lease on the store at {@code root}: every blob returned is held in
     *              it, so keep it open until the blobs are pushed or archived
     */
    public LayerBlobStore(Path root, LayerCompression compression, ExecutorService executor, int threads,
            BlobLease lease) {
        this(root, compression, executor, threads, lease, new FileHashes());
    }

    /** @param hashes the build's file hashes: shared with the SBOM, the executable's perhaps already started */
    public LayerBlobStore(Path root, LayerCompression compression, ExecutorService executor, int threads,
            BlobLease lease, FileHashes hashes) {
        this.root = root;
        this.compression = compression;
        this.executor = executor;
        this.threads = threads;
        this.lease = lease;
        this.hashes = hashes;
    }

    /**
     * The blob for this layer, from the store or compressed now; {@code progress} hears of the
     * uncompressed bytes as they are compressed.
     */
    public LayerBlob blobFor(LayerSpec layer, Instant modificationTime, LongConsumer progress) throws IOException {
        return blobFor(layer, modificationTime, progress, LayerTee.NONE);
    }

    /**
     * The same, and when the layer is compressed now, its compressed bytes also go to a branch of
     * {@code tee} as they are written (a registry upload, say); a layer found in the store opens none.
     */
    public LayerBlob blobFor(LayerSpec layer, Instant modificationTime, LongConsumer progress, LayerTee tee)
            throws IOException {
        List<String> contentHashes = new ArrayList<>();
        for (LayerFile file : layer.files()) {
            contentHashes.add(file.directory() || file.symlink() ? null : hashes.hexOf(file.source()));
        }
        String key = key(layer, contentHashes, modificationTime);
        Path index = root.resolve("layers").resolve(key);
        LayerBlob known = read(index);
        if (known != null) {
            return known;
        }
        LayerBlob made = compress(layer, contentHashes, modificationTime, progress, tee.open(layer.name()));
        Properties properties = new Properties();
        properties.setProperty("digest", made.digest());
        properties.setProperty("diffId", made.diffId());
        properties.setProperty("size", Long.toString(made.size()));
        Files.createDirectories(index.getParent());
        Path partial = PartialFiles.partialBeside(index);
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                properties.store(out, null);
            }
            PartialFiles.moveIntoPlace(partial, index);
        } finally {
            Files.deleteIfExists(partial);
        }
        return made;
    }

    private LayerBlob read(Path index) throws IOException {
        if (!Files.isRegularFile(index)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(index)) {
            properties.load(in);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String digest = properties.getProperty("digest", "");
        String diffId = properties.getProperty("diffId", "");
        String size = properties.getProperty("size", "");
        if (!digest.matches("sha256:[0-9a-f]{64}") || !diffId.matches("sha256:[0-9a-f]{64}")
                || !size.matches("\\d{1,18}")) {
            return null;
        }
        Path blob = blobPath(digest);
        // Held before it is trusted: from here on no eviction takes it.
        if (!lease.use(digest)) {
            return null;
        }
        // A blob is renamed into place only when complete, so its size is enough to trust it.
        if (!Files.isRegularFile(blob) || Files.size(blob) != Long.parseLong(size)) {
            return null;
        }
        return new LayerBlob(digest, diffId, Long.parseLong(size), blob);
    }

    private LayerBlob compress(LayerSpec layer, List<String> contentHashes, Instant modificationTime,
            LongConsumer progress, LayerTee.Branch branch) throws IOException {
        Path blobs = Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        // Only where a new blob is written, once per build: a killed build's partial is as big as a layer.
        if (!partialsSwept) {
            removeStalePartials(blobs);
            removeStalePartials(root.resolve("layers"));
            partialsSwept = true;
        }
        Path partial = PartialFiles.partialIn(blobs, "blob");
        LayerBlob made = null;
        try {
            Sha256.CountingDigestStream compressed;
            Sha256.CountingDigestStream uncompressed;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 256 * 1024)) {
                compressed = new Sha256.CountingDigestStream(branch == null ? file : LayerTee.tee(file, branch));
                OutputStream compressor = compression.compress(compressed, executor, threads);
                uncompressed = new Sha256.CountingDigestStream(new BufferedOutputStream(compressor, 256 * 1024),
                        progress);
                LayerTar.write(layer, contentHashes, modificationTime, uncompressed);
                uncompressed.flush();
                compressor.close();
            }
            String digest = compressed.digest();
            Path blob = blobPath(digest);
            // Held before it is in place: an eviction that sees it there sees it in use.
            lease.use(digest);
            PartialFiles.moveIntoPlace(partial, blob);
            made = new LayerBlob(digest, uncompressed.digest(), compressed.count(), blob);
            return made;
        } finally {
            Files.deleteIfExists(partial);
            if (branch != null) {
                // After the rename: the branch may hand the blob file to whoever retries it.
                if (made != null) {
                    branch.finish(made);
                } else {
                    branch.abandon();
                }
            }
        }
    }

    /** Deletes what killed builds left half-written in {@code directory}; best effort. */
    static void removeStalePartials(Path directory) {
        PartialFiles.removeStale(directory, Instant.now().minus(STALE_PARTIAL_AGE));
    }

    Path blobPath(String digest) {
        return root.resolve("blobs").resolve("sha256").resolve(digest.substring(Sha256.PREFIX.length()));
    }

    private String key(LayerSpec layer, List<String> contentHashes, Instant modificationTime) {
        StringBuilder description = new StringBuilder(FORMAT_VERSION)
                .append("\ncompression ").append(compression.cacheKey())
                .append("\nmtime ").append(modificationTime.toEpochMilli()).append('\n');
        for (int i = 0; i < layer.files().size(); i++) {
            LayerFile file = layer.files().get(i);
            description.append(file.directory() ? "dir " : file.symlink() ? "link " : "file ")
                    .append(file.modeBits()).append(' ')
                    .append(file.symlink() ? file.linkTarget() : file.directory() ? "-" : contentHashes.get(i))
                    .append(' ').append(file.target()).append('\n');
        }
        return HexFormat.of().formatHex(Sha256.newDigest().digest(description.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
