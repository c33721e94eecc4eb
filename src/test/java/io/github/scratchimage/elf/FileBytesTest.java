package io.github.scratchimage.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one view of the executable every reader shares: read when small, mapped in chunks when not. */
class FileBytesTest {
    @TempDir
    Path work;

    @Test
    void aSmallFileIsReadWholeAndSlicedWithoutCopies() throws IOException {
        Path file = work.resolve("small");
        Files.writeString(file, "0123456789", StandardCharsets.US_ASCII);

        FileBytes bytes = FileBytes.map(file);

        assertThat(bytes.size()).isEqualTo(10);
        assertThat(text(bytes.slice(3, 4))).isEqualTo("3456");
        assertThat(bytes.views()).hasSize(1);
        assertThat(text(bytes.views().get(0))).isEqualTo("0123456789");
    }

    @Test
    void aFileOverAChunkIsMappedAndARangeAcrossTheChunksIsCopiedWhole() throws IOException {
        // Sparse: a gigabyte of holes costs no disk, and the mapping no memory until read.
        Path file = work.resolve("big");
        long size = FileBytes.CHUNK + 16;
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
            out.seek(FileBytes.CHUNK - 4);
            out.write("ABCDEFGH".getBytes(StandardCharsets.US_ASCII));
        }

        FileBytes bytes = FileBytes.map(file);

        assertThat(bytes.size()).isEqualTo(size);
        assertThat(text(bytes.slice(FileBytes.CHUNK - 4, 8))).isEqualTo("ABCDEFGH");
        assertThat(text(bytes.slice(FileBytes.CHUNK, 4))).isEqualTo("EFGH");
        assertThat(bytes.views()).hasSize(2);
        assertThat(bytes.views().stream().mapToLong(ByteBuffer::remaining).sum()).isEqualTo(size);
    }

    @Test
    void anEmptyFileHasNoBytes() throws IOException {
        Path file = Files.createFile(work.resolve("empty"));

        FileBytes bytes = FileBytes.map(file);

        assertThat(bytes.size()).isZero();
        assertThat(bytes.slice(0, 0).remaining()).isZero();
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
