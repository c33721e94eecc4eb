package io.github.scratchimage.image.layer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock that makes "mark a blob in use" and "evict blobs" exclusive of each other, across
 * threads and processes: a JVM-wide mutex per store, then an exclusive file lock on
 * {@code store.lock}. The mutex comes first because a JVM cannot hold two locks on one file, and
 * because closing any channel to a file drops every lock this process holds on it: with the
 * mutex, a JVM has at most one channel to {@code store.lock} open at a time.
 *
 * <p>The operating system drops a file lock when its process dies, so a killed build cannot
 * leave the store locked.
 */
final class StoreLock {
    private static final Map<Path, ReentrantLock> MUTEXES = new ConcurrentHashMap<>();

    interface Action<T> {
        T run() throws IOException;
    }

    private StoreLock() {
    }

    /** The store's directory as one key for every spelling of it (symlinks, relative paths). */
    static Path canonical(Path root) throws IOException {
        return Files.createDirectories(root).toRealPath();
    }

    /** Runs {@code action} holding the store's lock; {@code root} must be {@link #canonical}. */
    static <T> T holding(Path root, Action<T> action) throws IOException {
        ReentrantLock mutex = MUTEXES.computeIfAbsent(root, key -> new ReentrantLock());
        mutex.lock();
        try (FileChannel channel = FileChannel.open(root.resolve("store.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return action.run();
        } finally {
            mutex.unlock();
        }
    }

    /** Whether this thread holds the store's lock: leases of this JVM are read only then. */
    static boolean heldByCurrentThread(Path root) {
        ReentrantLock mutex = MUTEXES.get(root);
        return mutex != null && mutex.isHeldByCurrentThread();
    }
}
