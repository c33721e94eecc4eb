package io.github.scratchimage.image;

import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test executables under a stable name, and a listener that keeps what the builder reported. */
public final class ImageFixtures {
    static final FileTime FIXED_MTIME = FileTime.from(Instant.parse("2024-05-01T12:00:00Z"));

    private ImageFixtures() {
    }

    /** A static hello copied to {@code dir/hello}, so the image path is {@code /app/hello}. */
    public static Path hello(Toolchain toolchain, Path dir) {
        return copyAs(TestExecutables.hello(toolchain), dir.resolve("hello"));
    }

    /** A static program printing {@code text}; texts of equal length give executables of equal size. */
    public static Path printing(String text) {
        return TestExecutables.compile(Toolchain.GCC_STATIC,
                "#include <stdio.h>\nint main(void) { puts(\"" + text + "\"); return 0; }\n", List.of());
    }

    public static Path copyAs(Path source, Path destination) {
        try {
            Files.createDirectories(destination.getParent());
            Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(destination, FIXED_MTIME);
            return destination;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records every call; checks that calls never overlap, which the listener contract promises. */
    public static final class RecordingListener implements BuildListener {
        public final List<String> lines = new ArrayList<>();
        public final List<Double> progress = new ArrayList<>();
        private boolean inside;

        @Override
        public void log(Level level, String message) {
            enter();
            lines.add(level + " " + message);
            inside = false;
        }

        @Override
        public void progress(double fraction) {
            enter();
            progress.add(fraction);
            inside = false;
        }

        private void enter() {
            if (inside) {
                throw new AssertionError("listener called concurrently");
            }
            inside = true;
        }
    }
}
