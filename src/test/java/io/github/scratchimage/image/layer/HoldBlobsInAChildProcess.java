package io.github.scratchimage.image.layer;

import java.nio.file.Path;

/**
 * A build in a JVM of its own that holds blobs: arguments are the store and the digests. Prints
 * "holding" once its lease has them, then holds them until its standard input closes.
 */
public final class HoldBlobsInAChildProcess {
    private HoldBlobsInAChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (BlobLease lease = BlobLease.open(Path.of(args[0]))) {
            for (int i = 1; i < args.length; i++) {
                lease.use(args[i]);
            }
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds until the parent closes the pipe
            }
        }
    }
}
