package io.github.scratchimage.image;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written under a temporary name beside their destination and renamed into place when
 * complete, so a failed or killed build and a concurrent one never see half a file.
 */
final class PartialFiles {
    private PartialFiles() {
    }

    /** Renames atomically where the file system can, else replaces (same directory, so rarely). */
    static void moveIntoPlace(Path partial, Path destination) throws IOException {
        try {
            Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
