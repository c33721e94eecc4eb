package io.github.scratchimage.image.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files written under a temporary name beside their destination and renamed into place when
 * complete, so a failed or killed build and a concurrent one never see half a file.
 */
public final class PartialFiles {
    private static final String SUFFIX = ".partial";

    private PartialFiles() {
    }

    /**
     * A fresh hidden name beside {@code destination}, not created. Create it with
     * {@code CREATE_NEW}: unlike {@link Files#createTempFile}, which makes files only their owner
     * can read, that gives the umask's permissions, as the destination would have had.
     */
    public static Path partialBeside(Path destination) {
        return partialIn(destination.toAbsolutePath().getParent(), destination.getFileName().toString());
    }

    /** A fresh hidden name in {@code directory} for a file whose final name is not known yet (a blob before its digest). */
    public static Path partialIn(Path directory, String purpose) {
        return directory.resolve("." + purpose + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + SUFFIX);
    }

    /**
     * Deletes the partial files in {@code directory} last written before {@code staleBefore}: what
     * killed builds left half-written. Best effort: another build may remove one first.
     */
    public static void removeStale(Path directory, Instant staleBefore) {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(directory, ".*" + SUFFIX)) {
            for (Path partial : partials) {
                try {
                    if (Files.getLastModifiedTime(partial).toInstant().isBefore(staleBefore)) {
                        Files.deleteIfExists(partial);
                    }
                } catch (IOException e) {
                    // another build removed it first, or it is not ours to remove: leave it
                }
            }
        } catch (IOException e) {
            // no such directory yet, or unreadable: nothing to clean
        }
    }

    /** Writes {@code content} to {@code destination} through a partial file: readers see all of it or none. */
    public static void writeAtomically(Path destination, String content) throws IOException {
        Path target = destination.toAbsolutePath();
        Path partial = partialBeside(target);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(partial, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            moveIntoPlace(partial, target);
        } finally {
            Files.deleteIfExists(partial);
        }
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
