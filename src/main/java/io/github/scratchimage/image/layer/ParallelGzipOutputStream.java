package io.github.scratchimage.image.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member compressed on several threads, the way pigz does it: the input is cut into
 * fixed-size chunks, each chunk is deflated on its own with the previous chunk's last 32 KiB as
 * preset dictionary and ends on a byte boundary (a sync flush), and the pieces are written in
 * order. Any gzip reader sees one ordinary stream.
 *
 * <p>Why: a layer's compression is most of the time an image build takes; Jib compresses on one
 * thread. Why not several gzip members: some registries and tools handle multi-member gzip badly,
 * and one member is what every other tool writes.
 *
 * <p>The output depends only on the input, the level and {@link #CHUNK_SIZE}, never on the number
 * of threads or their timing: the same layer gives the same digest. At most
 * {@code 2 * threads + 1} chunks are held at a time, so memory does not grow with the input.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    /** Big enough that the 4-byte sync-flush marker per chunk costs nothing measurable. */
    static final int CHUNK_SIZE = 1 << 20;
    private static final int DICTIONARY_SIZE = 32 * 1024;
    /** RFC 1952 header: deflate, no flags, no modification time, no extra flags, OS unknown. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final int level;
    private final ExecutorService executor;
    private final int maxInFlight;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] chunk = new byte[CHUNK_SIZE];
    private int filled;
    private byte[] dictionary;
    private long uncompressedSize;
    private boolean closed;

    /**
     * @param out      receives the gzip bytes, on the calling thread, in order
     * @param level    0-9, as {@link Deflater}
     * @param executor runs the chunk compressions; not shut down by this stream
     * @param threads  how many of the executor's threads this stream may keep busy
     */
    ParallelGzipOutputStream(OutputStream out, int level, ExecutorService executor, int threads) throws IOException {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compression level must be 0-9: " + level);
        }
        this.out = out;
        this.level = level;
        this.executor = executor;
        this.maxInFlight = 2 * Math.max(1, threads);
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        crc.update(bytes, offset, length);
        uncompressedSize += length;
        while (length > 0) {
            if (filled == chunk.length) {
                submit(false);
            }
            int n = Math.min(length, chunk.length - filled);
            System.arraycopy(bytes, offset, chunk, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Compresses what is left, writes the trailer; does not close the underlying stream. */
    void finish() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        submit(true);
        while (!inFlight.isEmpty()) {
            writeOldest();
        }
        byte[] trailer = new byte[8];
        littleEndian(trailer, 0, (int) crc.getValue());
        littleEndian(trailer, 4, (int) uncompressedSize);
        out.write(trailer);
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            inFlight.forEach(future -> future.cancel(true));
            inFlight.clear();
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = chunk;
        int inputLength = filled;
        byte[] preset = dictionary;
        if (!last) {
            // The next chunk's dictionary is this chunk's tail, taken before the buffer is handed off.
            dictionary = Arrays.copyOfRange(input, inputLength - Math.min(inputLength, DICTIONARY_SIZE), inputLength);
            chunk = new byte[CHUNK_SIZE];
            filled = 0;
        }
        inFlight.add(executor.submit(() -> deflate(input, inputLength, preset, level, last)));
        while (inFlight.size() > maxInFlight) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        Future<byte[]> oldest = inFlight.removeFirst();
        try {
            out.write(oldest.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compression failed: " + e.getCause(), e.getCause());
        }
    }

    static byte[] deflate(byte[] input, int length, byte[] dictionary, int level, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(input, 0, length);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, length / 2));
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    int n = deflater.deflate(buffer);
                    compressed.write(buffer, 0, n);
                }
            } else {
                // A sync flush ends the chunk on a byte boundary without ending the stream; the
                // loop stops when a call leaves room in the buffer, i.e. the flush is complete.
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    compressed.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void littleEndian(byte[] target, int offset, int value) {
        target[offset] = (byte) value;
        target[offset + 1] = (byte) (value >>> 8);
        target[offset + 2] = (byte) (value >>> 16);
        target[offset + 3] = (byte) (value >>> 24);
    }
}
