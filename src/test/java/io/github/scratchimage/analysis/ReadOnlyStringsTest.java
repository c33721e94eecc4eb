package io.github.scratchimage.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.ReadOnlyStrings.Needle;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyStringsTest {
    private static final int WINDOW = 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void aNeedleAcrossAWindowEdgeIsFound() throws IOException {
        Set<Needle> found = findAround(WINDOW - 5, "/etc/passwd", List.of(Needle.path("/etc/passwd")));

        assertThat(found).containsExactly(Needle.path("/etc/passwd"));
    }

    @Test
    void aPathThatEndsAtAWindowEdgeIsJudgedWithTheByteAfterIt() throws IOException {
        // "/tmp" ends exactly at the edge, but the next window shows it is "/tmpfiles": no match.
        Set<Needle> found = findAround(WINDOW - 4, "/tmpfiles", List.of(Needle.path("/tmp")));

        assertThat(found).isEmpty();
    }

    @Test
    void aPathThatStartsAtAWindowEdgeIsJudgedWithTheByteBeforeIt() throws IOException {
        Set<Needle> found = findAround(WINDOW - 4, "/var/tmp", List.of(Needle.path("/tmp")));

        assertThat(found).isEmpty();
    }

    @Test
    void onlyTheGivenRangesAreRead() throws IOException {
        Path file = work.resolve("data");
        byte[] bytes = new byte[3 * WINDOW];
        put(bytes, 10, "SSL_CERT_FILE");
        put(bytes, 2 * WINDOW + 10, "/etc/ssl");
        Files.write(file, bytes);

        try (FileChannel channel = FileChannel.open(file)) {
            assertThat(ReadOnlyStrings.find(channel, List.<long[]>of(new long[] {WINDOW, 2L * WINDOW}),
                    List.of(Needle.contains("SSL_CERT_FILE"), Needle.path("/etc/ssl"))))
                    .containsExactly(Needle.path("/etc/ssl"));
        }
    }

    /** Zeros with {@code text} at {@code offset}, scanned as one range of three windows. */
    private Set<Needle> findAround(int offset, String text, List<Needle> needles) throws IOException {
        Path file = work.resolve("data");
        byte[] bytes = new byte[3 * WINDOW];
        put(bytes, offset, text);
        Files.write(file, bytes);
        try (FileChannel channel = FileChannel.open(file)) {
            return ReadOnlyStrings.find(channel, List.<long[]>of(new long[] {0, bytes.length}), needles);
        }
    }

    private static void put(byte[] bytes, int offset, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, bytes, offset, ascii.length);
    }
}
