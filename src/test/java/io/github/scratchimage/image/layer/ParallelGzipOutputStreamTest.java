package io.github.scratchimage.image.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class ParallelGzipOutputStreamTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, ParallelGzipOutputStream.CHUNK_SIZE - 1, ParallelGzipOutputStream.CHUNK_SIZE,
            ParallelGzipOutputStream.CHUNK_SIZE + 1, 3 * ParallelGzipOutputStream.CHUNK_SIZE + 12345})
    void anyLengthRoundTripsThroughTheJdksGzipReader(int length) throws IOException {
        byte[] input = compressibleBytes(length, 7);

        byte[] gzip = compress(input, 6, 3);

        assertThat(gunzip(gzip)).isEqualTo(input);
    }

    @Test
    void roundTripsThroughTheGzipCommandAsOneMember() throws Exception {
        byte[] input = compressibleBytes(5 * ParallelGzipOutputStream.CHUNK_SIZE / 2, 11);
        Path file = Files.createTempFile("parallel", ".gz");
        try {
            Files.write(file, compress(input, 6, 2));
            Process gzip = new ProcessBuilder("gzip", "-t", "-v", file.toString()).redirectErrorStream(true).start();
            String report = new String(gzip.getInputStream().readAllBytes());
            assertThat(gzip.waitFor()).as(report).isZero();
            Process list = new ProcessBuilder("gzip", "-d", "-c", file.toString()).start();
            assertThat(list.getInputStream().readAllBytes()).isEqualTo(input);
            assertThat(list.waitFor()).isZero();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void theBytesDoNotDependOnTheNumberOfThreads() throws IOException {
        byte[] input = compressibleBytes(4 * ParallelGzipOutputStream.CHUNK_SIZE + 99, 3);

        assertThat(compress(input, 6, 1)).isEqualTo(compress(input, 6, 4));
    }

    @Test
    void theDictionaryKeepsChunkedOutputWithinAFewBytesPerChunkOfOneStream() throws IOException {
        byte[] input = compressibleBytes(8 * ParallelGzipOutputStream.CHUNK_SIZE, 5);
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(single)) {
            gzip.write(input);
        }

        byte[] chunked = compress(input, 6, 2);

        // Without the preset dictionary each chunk would start cold and lose far more.
        assertThat((long) chunked.length).isLessThanOrEqualTo(single.size() + 8 * 64L);
    }

    @Test
    void writesOfSingleBytesAndOfManyChunksAgree() throws IOException {
        byte[] input = compressibleBytes(ParallelGzipOutputStream.CHUNK_SIZE + 500, 9);
        ByteArrayOutputStream bytewise = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(bytewise, 6, executor, 2)) {
            for (byte b : input) {
                gzip.write(b);
            }
        }

        assertThat(bytewise.toByteArray()).isEqualTo(compress(input, 6, 2));
    }

    private byte[] compress(byte[] input, int level, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, level, executor, threads)) {
            // Odd-sized writes, so chunk boundaries fall inside writes.
            for (int offset = 0; offset < input.length; offset += 77_777) {
                gzip.write(input, offset, Math.min(77_777, input.length - offset));
            }
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** Words from a small vocabulary: compressible, with repeats that cross chunk boundaries. */
    public static byte[] compressibleBytes(int length, long seed) {
        Random random = new Random(seed);
        String[] words = {"ELF", "text", "data", "\0\0\0\0", "mov", "call", "ret", "push", "pop", "\u0001\u0002"};
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 16);
        while (out.size() < length) {
            byte[] word = words[random.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            out.write(word, 0, word.length);
            out.write(random.nextInt(256));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), length);
    }
}
