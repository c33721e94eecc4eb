package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.layer.LayerBlob;
import io.github.scratchimage.image.layer.LayerTee;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Uploads each layer compressed in a build to the registry as its compressed bytes are written
 * ({@link ChunkedUpload}), so the upload overlaps the compression; the blob store still gets every
 * byte. One layer's upload at a time: a branch's {@link LayerTee.Branch#finish} waits until the
 * registry has the blob, so the push after the compression ({@link RegistryPusher#push}) finds it
 * there and does not send it again.
 *
 * <p>How each upload can end: in the registry; refused, when the registry does not take chunks
 * (said once at INFO, and the build's later layers are not tried this way); failed (a reset, say),
 * after which the push sends the layer whole from the blob store, with its retries; or stalled (no
 * answer within Jib's HTTP timeout, or nothing moving for the watchdog's limit), which fails the
 * build naming the layer, since the whole blob would stall the same way.
 */
public final class UploadsWhileCompressing implements LayerTee {
    /**
     * 8 MiB: registries that store chunks as cloud multipart parts want 5 MiB or more for all
     * but the last, and a few chunks in flight stay small beside a JVM.
     */
    static final int DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
    /** Chunks compressed and not yet sent; when full, the compression waits for the registry. */
    private static final int QUEUED_CHUNKS = 2;
    private static final long POLL_MILLIS = 200;

    private final RegistryPusher pusher;
    private final int chunkBytes;
    private volatile boolean refused;
    /** The first stalled upload, which fails the build. */
    private volatile Exception stalled;

    UploadsWhileCompressing(RegistryPusher pusher, int chunkBytes) {
        this.pusher = pusher;
        this.chunkBytes = chunkBytes;
    }

    @Override
    public Branch open(String layerName) {
        return refused || stalled != null ? null : new Upload(layerName);
    }

    /** The stall of an upload, as the failure the build ends with (naming the layer); empty when none stalled. */
    public Optional<ImageBuildException> stall() {
        Exception e = stalled;
        return e == null ? Optional.empty() : Optional.of(pusher.failure(e));
    }

    /** The bytes of one chunk, or the end of the layer: its digest, or null when abandoned. */
    private record Item(byte[] bytes, int length, boolean end, String digest) {
    }

    private final class Upload implements Branch {
        private final String layerName;
        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        private final Thread thread;
        private volatile boolean done;
        private volatile Exception failure;
        private byte[] filling;
        private int filled;

        Upload(String layerName) {
            this.layerName = layerName;
            thread = new Thread(this::upload, "scratch-upload");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0 && !done) {
                if (filling == null) {
                    filling = new byte[chunkBytes];
                    filled = 0;
                }
                int taken = Math.min(length, chunkBytes - filled);
                System.arraycopy(bytes, offset, filling, filled, taken);
                filled += taken;
                offset += taken;
                length -= taken;
                if (filled == chunkBytes) {
                    hand(new Item(filling, filled, false, null));
                    filling = null;
                }
            }
        }

        @Override
        public void finish(LayerBlob blob) {
            if (filled > 0 && filling != null) {
                hand(new Item(filling, filled, false, null));
            }
            hand(new Item(null, 0, true, blob.digest()));
            join();
            report(blob);
        }

        @Override
        public void abandon() {
            hand(new Item(null, 0, true, null));
            join();
        }

        /** Waits while the queue is full, unless the upload has ended: then the bytes go to the store only. */
        private void hand(Item item) {
            try {
                while (!done && !queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    // the registry is behind the compression
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = true;
            }
        }

        private void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Runs on its own thread, through the pusher's connection and under its stall watchdog. */
        private void upload() {
            try {
                pusher.run(session -> {
                    session.describe("uploading layer '" + layerName + "' as it is compressed");
                    ChunkedUpload upload = ChunkedUpload.open(session.target(), session.http(),
                            session.registry(), session.repository());
                    while (true) {
                        Item item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        if (item == null) {
                            session.touch(); // waiting for the compression, not for the registry
                        } else if (item.end()) {
                            if (item.digest() != null) {
                                upload.commit(item.digest());
                                session.uploaded(item.digest());
                            }
                            return null;
                        } else {
                            upload.patch(item.bytes(), item.length(), session::touch);
                        }
                    }
                });
            } catch (Exception e) {
                failure = e;
            } finally {
                done = true;
            }
        }

        /** On the compressing thread, so the listener hears of it in order. */
        private void report(LayerBlob blob) {
            Exception e = failure;
            if (e == null) {
                return;
            }
            if (e instanceof ChunkedUpload.RefusedException) {
                refused = true;
                pusher.events().log(BuildListener.Level.INFO, "the registry does not take layers in chunks ("
                        + e.getMessage() + "): each layer is pushed whole once it is compressed");
            } else if (e instanceof RegistryStalledException || causedBy(e, SocketTimeoutException.class)) {
                stalled = e;
            } else if (RetryPolicy.isTransient(e)) {
                pusher.events().log(BuildListener.Level.WARN, "uploading layer '" + layerName + "' as it was"
                        + " compressed failed (" + RetryPolicy.describe(e) + "); pushing it again from the layer"
                        + " cache");
            } else {
                // Whatever this is, the push of the whole blob meets it too and says it there.
                pusher.events().onLog(LogEvent.debug("uploading layer '" + layerName + "' (" + blob.digest()
                        + ") as it was compressed failed: " + e));
            }
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
