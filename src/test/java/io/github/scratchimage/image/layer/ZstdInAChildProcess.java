package io.github.scratchimage.image.layer;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.Executors;

/**
 * Compresses a few bytes with zstd in a JVM of its own, so a test can start it with system
 * properties under which zstd-jni cannot load. Prints the error and exits 3 when zstd is
 * unavailable, exits 0 when it compressed.
 */
public final class ZstdInAChildProcess {
    private ZstdInAChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        var executor = Executors.newSingleThreadExecutor();
        try (OutputStream zstd = LayerCompression.zstd(3).compress(new ByteArrayOutputStream(), executor, 2)) {
            zstd.write("hello".getBytes());
        } catch (ZstdUnavailableException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        } finally {
            executor.shutdownNow();
        }
        System.out.println("compressed");
    }
}
