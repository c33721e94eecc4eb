package io.github.scratchimage.image.layer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The SHA-256 of each source file of one build, hashed once: the layer keys and the SBOM ask
 * for the same files, and the executable's hash is started while it is still being checked, so
 * the cache lookup of an unchanged executable waits for nothing. One per build: a file that
 * changes between builds must be hashed again.
 */
public final class FileHashes {
    /** Between two slices a hash no longer wanted stops: a failed check must not leave a gigabyte to hash. */
    private static final int SLICE = 8 * 1024 * 1024;
    private final Map<Path, CompletableFuture<String>> hashes = new ConcurrentHashMap<>();

    /**
     * Starts hashing {@code bytes}, the content of {@code file}, on a thread of its own; a later
     * {@link #hexOf} of the file waits for it instead of reading the file again.
     */
    public void startHashing(Path file, List<ByteBuffer> bytes) {
        CompletableFuture<String> hash = new CompletableFuture<>();
        if (hashes.putIfAbsent(key(file), hash) != null) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                MessageDigest digest = Sha256.newDigest();
                for (ByteBuffer view : bytes) {
                    ByteBuffer rest = view.duplicate();
                    while (rest.hasRemaining() && !hash.isDone()) {
                        int n = Math.min(rest.remaining(), SLICE);
                        digest.update(rest.slice(rest.position(), n));
                        rest.position(rest.position() + n);
                    }
                }
                hash.complete(HexFormat.of().formatHex(digest.digest()));
            } catch (RuntimeException | Error e) {
                hash.completeExceptionally(e);
            }
        }, "scratch-hash");
        thread.setDaemon(true);
        thread.start();
    }

    /** The file's SHA-256, hex only: hashed now when nothing has hashed it yet in this build. */
    public String hexOf(Path file) throws IOException {
        Path key = key(file);
        CompletableFuture<String> known = hashes.get(key);
        if (known == null) {
            String hex = Sha256.hexOf(file);
            known = hashes.computeIfAbsent(key, k -> CompletableFuture.completedFuture(hex));
        }
        try {
            return known.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing " + file);
        } catch (CancellationException e) {
            throw new InterruptedIOException("the hash of " + file + " was stopped: its build is over");
        } catch (ExecutionException e) {
            // a mapped file that shrank while it was hashed faults as an InternalError
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause()
                    : new IOException("Could not hash " + file + ": " + e.getCause(), e.getCause());
        }
    }

    /** Stops the hashes still running: the build they were for is over. */
    public void cancel() {
        hashes.values().forEach(hash -> hash.cancel(false));
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
