package io.github.scratchimage.image.layer;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One zstd frame made by libzstd's multi-threaded compressor. With one worker or more, libzstd
 * cuts the input into jobs of {@link #JOB_SIZE} and the frame depends only on the input and the
 * settings here, never on the number of workers; zero workers would be a different, single-
 * threaded code path with other bytes, so it is never used.
 */
final class ZstdLayerOutputStream extends OutputStream {
    /**
     * 4 MiB rather than libzstd's default (8 MiB at level 3), so a 20 MiB executable keeps five
     * workers busy, not two or three; on 45 MiB of Debian's /usr/bin the frame grew by 0.05 %.
     */
    static final int JOB_SIZE = 4 << 20;
    /** Past this a layer has no more jobs to share out and each worker only costs memory. */
    private static final int MAX_WORKERS = 64;

    private final ZstdOutputStreamNoFinalizer zstd;
    private boolean closed;

    ZstdLayerOutputStream(OutputStream out, int level, int workers) throws IOException {
        ZstdNative.load();
        zstd = new ZstdOutputStreamNoFinalizer(out, level);
        try {
            zstd.setWorkers(Math.max(1, Math.min(workers, MAX_WORKERS)));
            zstd.setJobSize(JOB_SIZE);
            zstd.setChecksum(true);
        } catch (IOException | RuntimeException e) {
            zstd.closeWithoutClosingParentStream();
            throw e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        zstd.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        zstd.write(bytes, offset, length);
    }

    /** Deliberately nothing: a zstd flush ends the current block, so the bytes would depend on it. */
    @Override
    public void flush() {
    }

    /** Ends the frame; {@code out} stays open, as with the gzip stream. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            zstd.closeWithoutClosingParentStream();
        }
    }
}
