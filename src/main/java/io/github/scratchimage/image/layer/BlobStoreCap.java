package io.github.scratchimage.image.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps the blob store under a size: evicts blobs least recently used first (by modification
 * time, which {@link BlobLease#use} sets on every hit) until the blobs take at most the cap,
 * skipping every blob an open {@link BlobLease} holds, in this JVM or any other. Run it after a
 * build; concurrent evictions and builds are safe, as both hold the store lock while they look.
 *
 * <p>A blob in use can keep the store over its cap: the result says so rather than taking it.
 */
public final class BlobStoreCap {
    /** Several images' worth of layers, yet small beside a developer's disk. */
    public static final long DEFAULT_CAP_BYTES = 4L << 30;
    static final String BLOBS = "blobs/sha256";
    private static final String LAYERS = "layers";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final long capBytes;

    /**
     * @param root     the store's directory, holding {@code blobs/sha256/<hex>} and {@code layers/}
     * @param capBytes how many bytes of blobs to keep at most
     */
    public BlobStoreCap(Path root, long capBytes) {
        if (capBytes < 0) {
            throw new IllegalArgumentException("the blob cache cap must be 0 bytes or more: " + capBytes);
        }
        this.root = root;
        this.capBytes = capBytes;
    }

    /** What one eviction did: the blobs it removed and the bytes of blobs left. */
    public record Eviction(List<String> evictedDigests, long freedBytes, long keptBytes, long capBytes) {
        public Eviction {
            evictedDigests = List.copyOf(evictedDigests);
        }

        /** False where blobs in use alone take more than the cap. */
        public boolean withinCap() {
            return keptBytes <= capBytes;
        }
    }

    public Eviction evict() throws IOException {
        Path store = StoreLock.canonical(root);
        return StoreLock.holding(store, () -> {
            Set<String> inUse = inUse(store);
            List<Blob> blobs = blobs(store.resolve(BLOBS));
            long kept = blobs.stream().mapToLong(Blob::size).sum();
            long freed = 0;
            List<String> evicted = new ArrayList<>();
            for (Blob blob : blobs) {
                if (kept <= capBytes) {
                    break;
                }
                if (inUse.contains(blob.hex())) {
                    continue;
                }
                if (Files.deleteIfExists(blob.path())) {
                    evicted.add("sha256:" + blob.hex());
                    freed += blob.size();
                }
                // Gone either way: removed by hand meanwhile, it takes no space either.
                kept -= blob.size();
            }
            forgetLayersOf(store.resolve(LAYERS), evicted);
            return new Eviction(evicted, freed, kept, capBytes);
        });
    }

    private record Blob(String hex, Path path, long size, long modified) {
    }

    /** Oldest first; the name breaks ties so two evictions agree on the order. */
    private static List<Blob> blobs(Path directory) throws IOException {
        List<Blob> blobs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!HEX.matcher(name).matches()) {
                    continue; // a partial being written, swept by the store itself
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()) {
                        blobs.add(new Blob(name, entry, attributes.size(), attributes.lastModifiedTime().toMillis()));
                    }
                } catch (NoSuchFileException e) {
                    // removed by hand since the listing
                }
            }
        } catch (NoSuchFileException e) {
            return blobs;
        }
        blobs.sort(Comparator.comparingLong(Blob::modified).thenComparing(Blob::hex));
        return blobs;
    }

    /**
     * Every blob an open lease holds. A lease file whose lock can be taken belongs to a process
     * that died: it is removed, and its blobs are free again.
     */
    private static Set<String> inUse(Path store) throws IOException {
        Set<String> inUse = new HashSet<>(BlobLease.ownDigests(store));
        Set<Path> own = BlobLease.ownFiles(store);
        try (DirectoryStream<Path> leases = Files.newDirectoryStream(store.resolve(BlobLease.DIRECTORY))) {
            for (Path lease : leases) {
                // This JVM's own lease files are never opened here: closing a second channel to
                // one would drop the lock its lease holds.
                if (!own.contains(lease)) {
                    readLease(lease, inUse);
                }
            }
        } catch (NoSuchFileException e) {
            // no lease was ever opened on this store
        }
        return inUse;
    }

    private static void readLease(Path lease, Set<String> inUse) throws IOException {
        try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.deleteIfExists(lease);
                lock.release();
                return;
            }
            ByteBuffer content = ByteBuffer.allocate((int) Math.min(channel.size(), Integer.MAX_VALUE - 8));
            while (content.hasRemaining() && channel.read(content, content.position()) > 0) {
                // reads until the buffer is full or the file ends
            }
            for (String line : new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII)
                    .split("\n")) {
                if (HEX.matcher(line).matches()) {
                    inUse.add(line);
                }
            }
        } catch (NoSuchFileException e) {
            // its build closed it since the listing
        }
    }

    /**
     * Removes the layer records that name an evicted blob. The store would read such a record as
     * a miss anyway; removing it keeps {@code layers/} from growing without bound as well.
     */
    private static void forgetLayersOf(Path layers, List<String> evicted) throws IOException {
        if (evicted.isEmpty()) {
            return;
        }
        Set<String> gone = new HashSet<>(evicted);
        try (DirectoryStream<Path> records = Files.newDirectoryStream(layers)) {
            for (Path record : records) {
                if (record.getFileName().toString().startsWith(".") || !Files.isRegularFile(record)) {
                    continue;
                }
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(record)) {
                    properties.load(in);
                } catch (NoSuchFileException | IllegalArgumentException e) {
                    continue;
                }
                if (gone.contains(properties.getProperty("digest", ""))) {
                    Files.deleteIfExists(record);
                }
            }
        } catch (NoSuchFileException e) {
            // no layer was recorded yet
        }
    }
}
