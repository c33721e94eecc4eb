package io.github.scratchimage.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One build's file hashes: each file hashed once, the executable's from bytes already in memory. */
class FileHashesTest {
    @TempDir
    Path work;

    @Test
    void aHashStartedFromTheBytesIsTheFilesAndNeedsNoSecondRead() throws Exception {
        Path file = work.resolve("app");
        byte[] content = new byte[20 << 20];
        new Random(7).nextBytes(content);
        Files.write(file, content);
        String expected = Sha256.hexOf(file);
        FileHashes hashes = new FileHashes();
        try (FileChannel channel = FileChannel.open(file)) {
            hashes.startHashing(file, List.of(channel.map(FileChannel.MapMode.READ_ONLY, 0, content.length)));
        }

        String started = hashes.hexOf(file);
        // Gone from the disk: an answer now can only come from what was hashed before.
        Files.delete(file);

        assertThat(started).isEqualTo(expected);
        assertThat(hashes.hexOf(work.resolve(".").resolve("app"))).as("the same file by another name")
                .isEqualTo(expected);
    }

    @Test
    void aFileNobodyStartedIsHashedOnceOnFirstAsking() throws Exception {
        Path file = work.resolve("lib.so");
        Files.writeString(file, "library");
        FileHashes hashes = new FileHashes();

        String first = hashes.hexOf(file);
        Files.writeString(file, "changed since");

        assertThat(first).isEqualTo(Sha256.of("library".getBytes(StandardCharsets.UTF_8))
                .substring(Sha256.PREFIX.length()));
        assertThat(hashes.hexOf(file)).as("within one build, hashed once").isEqualTo(first);
    }

    @Test
    void aCancelledHashSaysTheBuildIsOver() {
        Path file = work.resolve("huge");
        FileHashes hashes = new FileHashes();
        // Never ends by itself: a view that is read again and again would take minutes.
        ByteBuffer big = ByteBuffer.allocateDirect(64 << 20);
        hashes.startHashing(file, Collections.nCopies(1000, big));

        hashes.cancel();

        assertThatThrownBy(() -> hashes.hexOf(file)).isInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("its build is over");
    }
}
