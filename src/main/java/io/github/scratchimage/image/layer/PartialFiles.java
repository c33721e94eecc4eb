package io.github.scratchimage.image.layer;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written under a temporary name beside their destination and renamed into place when
 * complete, so a failed or killed build and a concurrent one never see half a file.
 */
public final class PartialFiles {
    private PartialFiles() {
    }

    /**
     * A fresh hidden name beside {@code destination}, not created. Create it with
     * {@code CREATE_NEW}: unlike {@link Files#createTempFile}, which makes files only their owner
     * can read, that gives the umask's permissions, as the destination would have had.
     */
    public static Path partialBeside(Path destination) {
        return destination.resolveSibling("." + destination.getFileName() + "."
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".partial");
    }

    /** Renames atomically where the file system can, else replaces (same directory, so rarely). */
    public static void moveIntoPlace(Path partial, Path destination) throws IOException {
        try {
            Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
