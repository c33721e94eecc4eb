package io.github.scratchimage.image.layer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One build's claim on the blobs it uses: while the lease is open, {@link BlobStoreCap} evicts
 * none of them. Open one per build, {@link #use} every blob the build reads or writes, close it
 * when the build is done.
 *
 * <p>A lease is a file in {@code leases/} listing the blobs' hex digests, exclusively locked by
 * the process that holds it. The operating system drops the lock when that process dies, however
 * it dies, so an eviction tells a live lease (locked) from one a killed build left (unlocked,
 * removed then) without any timeout.
 */
public final class BlobLease implements AutoCloseable {
    static final String DIRECTORY = "leases";
    private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-f]{64})");
    /** The leases this JVM holds, by store: their files must not be opened by another channel here. */
    private static final Map<Path, List<BlobLease>> OWN = new ConcurrentHashMap<>();

    private final Path root;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Set<String> hexDigests = new HashSet<>();
    private boolean closed;

    private BlobLease(Path root, Path file, FileChannel channel, FileLock lock) {
        this.root = root;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** A new, empty lease on the store at {@code root} (the directory holding {@code blobs/}). */
    public static BlobLease open(Path root) throws IOException {
        Path store = StoreLock.canonical(root);
        return StoreLock.holding(store, () -> {
            Path directory = Files.createDirectories(store.resolve(DIRECTORY));
            // Created and locked under the store lock: no eviction can see it unlocked and take it for dead.
            Path file = directory.resolve(ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw new IOException("could not lock the new lease " + file);
                }
                BlobLease lease = new BlobLease(store, file, channel, lock);
                OWN.computeIfAbsent(store, key -> new CopyOnWriteArrayList<>()).add(lease);
                return lease;
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(file);
                throw e;
            }
        });
    }

    /**
     * Marks the blob {@code digest} ({@code sha256:<hex>}) in use until {@link #close} and, if it
     * is in the store, makes it the most recently used. Call it before trusting a stored blob, and
     * before moving a newly written one into place, so an eviction never takes a blob between the
     * check and its use.
     *
     * @return whether the blob is in the store now; false means compress it (again)
     */
    public boolean use(String digest) throws IOException {
        var matcher = DIGEST.matcher(digest);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a sha256 digest: '" + digest + "'");
        }
        String hex = matcher.group(1);
        return StoreLock.holding(root, () -> {
            if (closed) {
                throw new IllegalStateException("the lease " + file + " is closed");
            }
            if (hexDigests.add(hex)) {
                ByteBuffer line = ByteBuffer.wrap((hex + "\n").getBytes(StandardCharsets.US_ASCII));
                while (line.hasRemaining()) {
                    channel.write(line, channel.size());
                }
            }
            return touch(root.resolve(BlobStoreCap.BLOBS).resolve(hex));
        });
    }

    /**
     * The modification time is the recency {@link BlobStoreCap} evicts by. Not the access time:
     * relatime and noatime mounts update it once a day or never. Not a marker file beside each
     * blob: that doubles the files and can disagree with the blob. A blob's content is fixed by its
     * name, so its modification time means nothing else and is free for this.
     */
    private static boolean touch(Path blob) throws IOException {
        try {
            Files.setLastModifiedTime(blob, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Releases every blob this lease holds. */
    @Override
    public void close() throws IOException {
        StoreLock.holding(root, () -> {
            if (!closed) {
                closed = true;
                OWN.getOrDefault(root, List.of()).remove(this);
                try {
                    Files.deleteIfExists(file);
                } finally {
                    try {
                        lock.release();
                    } finally {
                        channel.close();
                    }
                }
            }
            return null;
        });
    }

    /** The lease files this JVM holds on {@code root}; only under the store lock. */
    static Set<Path> ownFiles(Path root) {
        requireStoreLock(root);
        Set<Path> files = new HashSet<>();
        OWN.getOrDefault(root, List.of()).forEach(lease -> files.add(lease.file));
        return files;
    }

    /** The hex digests this JVM's leases on {@code root} hold; only under the store lock. */
    static Set<String> ownDigests(Path root) {
        requireStoreLock(root);
        Set<String> digests = new HashSet<>();
        OWN.getOrDefault(root, List.of()).forEach(lease -> digests.addAll(lease.hexDigests));
        return digests;
    }

    private static void requireStoreLock(Path root) {
        if (!StoreLock.heldByCurrentThread(root)) {
            throw new IllegalStateException("leases are read under the store lock only");
        }
    }
}
