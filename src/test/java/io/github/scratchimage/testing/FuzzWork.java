package io.github.scratchimage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scratch directories for fuzz targets that must write each input to a file. They live in memory
 * ({@code /dev/shm} where it exists): ext4 flushes a file that is truncated and rewritten when it is
 * closed, which made each input cost 10-20 ms on disk and the fuzzer 50 times slower. Removed when
 * the JVM exits.
 */
public final class FuzzWork {
    private static final Path ROOT = createRoot();

    private FuzzWork() {
    }

    /** An empty directory named {@code name}. */
    public static Path fresh(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        if (Files.exists(dir)) {
            delete(dir);
        }
        return Files.createDirectories(dir);
    }

    private static Path createRoot() {
        try {
            Path shm = Path.of("/dev/shm");
            Path root = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "scratch-fuzz-")
                    : Files.createTempDirectory("scratch-fuzz-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    delete(root);
                } catch (IOException e) {
                    // a left-over temporary directory fails nothing
                }
            }));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
