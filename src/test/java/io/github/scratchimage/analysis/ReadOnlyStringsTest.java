package io.github.scratchimage.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.ReadOnlyStrings.Needle;
import io.github.scratchimage.elf.FileBytes;
import java.io.IOException;
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
    void aPathAtTheStartOfTheCarriedBytesIsStillJudgedWithTheByteBeforeIt() throws IOException {
        // The next window starts with the last 5 bytes of this one (the longest needle and one):
        // "/tmp" there is preceded by "r" in this window, which the next one no longer shows.
        Set<Needle> found = findAround(WINDOW - 9, "/var/tmp", List.of(Needle.path("/tmp")));

        assertThat(found).isEmpty();
    }

    @Test
    void aNeedleAcrossTheSplitBetweenCoresIsFound() throws IOException {
        // Eight windows are scanned in two parts of four (on any machine with two cores or more).
        Path file = eightWindowsWith(4 * WINDOW - 3, "/etc/passwd");

        assertThat(findAll(file, List.of(Needle.path("/etc/passwd")))).containsExactly(Needle.path("/etc/passwd"));
    }

    @Test
    void aPathThatStartsAtTheSplitBetweenCoresIsJudgedWithTheByteBeforeIt() throws IOException {
        Path file = eightWindowsWith(4 * WINDOW - 1, "x/tmp");

        assertThat(findAll(file, List.of(Needle.path("/tmp")))).isEmpty();
    }

    @Test
    void aPathThatEndsAtTheSplitBetweenCoresIsJudgedWithTheByteAfterIt() throws IOException {
        Path file = eightWindowsWith(4 * WINDOW - 4, "/tmpfiles");

        assertThat(findAll(file, List.of(Needle.path("/tmp")))).isEmpty();
    }

    @Test
    void largeRangesAreCutIntoOnePartPerCoreThatReachIntoTheNext() {
        List<ReadOnlyStrings.Part> parts = ReadOnlyStrings.parts(
                List.<long[]>of(new long[] {100, 8L * WINDOW}), 12, 2);

        assertThat(parts).containsExactly(
                new ReadOnlyStrings.Part(100, 100 + 4L * WINDOW + 12, false, false),
                new ReadOnlyStrings.Part(100 + 4L * WINDOW - 1, 100 + 8L * WINDOW, true, true));
        assertThat(ReadOnlyStrings.parts(List.<long[]>of(new long[] {0, WINDOW}), 12, 8))
                .as("small data: one part").hasSize(1);
    }

    private Path eightWindowsWith(int offset, String text) throws IOException {
        Path file = work.resolve("data");
        byte[] bytes = new byte[8 * WINDOW];
        put(bytes, offset, text);
        Files.write(file, bytes);
        return file;
    }

    private static Set<Needle> findAll(Path file, List<Needle> needles) throws IOException {
        return ReadOnlyStrings.find(FileBytes.map(file), List.<long[]>of(new long[] {0, Files.size(file)}), needles);
    }

    @Test
    void onlyTheGivenRangesAreRead() throws IOException {
        Path file = work.resolve("data");
        byte[] bytes = new byte[3 * WINDOW];
        put(bytes, 10, "SSL_CERT_FILE");
        put(bytes, 2 * WINDOW + 10, "/etc/ssl");
        Files.write(file, bytes);

        assertThat(ReadOnlyStrings.find(FileBytes.map(file), List.<long[]>of(new long[] {WINDOW, 2L * WINDOW}),
                List.of(Needle.contains("SSL_CERT_FILE"), Needle.path("/etc/ssl"))))
                .containsExactly(Needle.path("/etc/ssl"));
    }

    /** Zeros with {@code text} at {@code offset}, scanned as one range of three windows. */
    private Set<Needle> findAround(int offset, String text, List<Needle> needles) throws IOException {
        Path file = work.resolve("data");
        byte[] bytes = new byte[3 * WINDOW];
        put(bytes, offset, text);
        Files.write(file, bytes);
        return ReadOnlyStrings.find(FileBytes.map(file), List.<long[]>of(new long[] {0, bytes.length}), needles);
    }

    private static void put(byte[] bytes, int offset, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, bytes, offset, ascii.length);
    }
}
