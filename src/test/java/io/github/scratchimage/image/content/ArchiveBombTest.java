package io.github.scratchimage.image.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.content.CraftedArchive.Format;
import io.github.scratchimage.testing.TestExecutables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Archives that expand far beyond their size stop at the extraction caps, leaving nothing behind. */
class ArchiveBombTest {
    private static final long CAP = 16L << 20;
    private static final ExtractionLimits LIMITS = new ExtractionLimits(CAP, 1000);
    private static final int BOMB_SIZE = 64 << 20;

    @TempDir
    Path work;

    @Test
    void aGzipBombFailsNamingTheArchiveAndTheCapAndLeavesNothingExtracted() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.writeString(tree.resolve("small.conf"), "port=1\n");
        TestExecutables.run(List.of("truncate", "-s", Integer.toString(BOMB_SIZE), tree.resolve("zero.bin").toString()),
                "coreutils provides truncate");
        Path bomb = work.resolve("in/bomb.tar.gz");
        Files.createDirectories(bomb.getParent());
        TestExecutables.run(List.of("tar", "-C", tree.toString(), "-czf", bomb.toString(), "small.conf", "zero.bin"),
                "apt-get install tar gzip");
        assertThat(Files.size(bomb)).as("a bomb: small outside").isLessThan(1 << 20);
        deleteTree(tree);
        Path staging = work.resolve("staging");

        assertThatThrownBy(() -> RootfsArchive.read(bomb, staging, Set.of(), false, LIMITS))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessage(bomb + ": entry zero.bin takes the extracted contents past the cap of 16777216 bytes"
                        + " (16 MiB) per rootfs archive (<archiveMaxSize>, scratch.archiveMaxSize); an archive that"
                        + " expands that far is a decompression bomb or not a rootfs for a scratch image: check what it"
                        + " holds (tar -tvf lists the sizes), and raise <archiveMaxSize> only for an archive you trust");

        assertThat(filesUnder(staging)).as("the file extracted before the bomb is deleted too").isEmpty();
        assertThat(filesUnder(work)).as("nothing written outside the staging directory").containsExactly(bomb);
    }

    @Test
    void aZipBombIsCountedAsItIsInflated() throws Exception {
        Path bomb = work.resolve("in/bomb.zip");
        Files.createDirectories(bomb.getParent());
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bomb)) {
            ZipArchiveEntry entry = new ZipArchiveEntry("zero.bin");
            entry.setUnixMode(0100644);
            zip.putArchiveEntry(entry);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < BOMB_SIZE / zeros.length; i++) {
                zip.write(zeros);
            }
            zip.closeArchiveEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);

        assertThatThrownBy(() -> RootfsArchive.read(bomb, work.resolve("staging"), Set.of(), false, LIMITS))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageStartingWith(bomb + ": entry zero.bin takes the extracted contents past the cap of"
                        + " 16777216 bytes");
        assertThat(filesUnder(work.resolve("staging"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"TAR_GZ", "ZIP"})
    void tooManyEntriesFailNamingTheFirstOnePastTheCap(Format format) throws Exception {
        CraftedArchive archive = CraftedArchive.with(a -> {
            for (int i = 1; i <= 11; i++) {
                a.file("f" + i, 0644, "x");
            }
        });
        Path file = archive.write(work.resolve("in/many." + format.name().toLowerCase()), format);

        assertThatThrownBy(() -> RootfsArchive.read(file, work.resolve("staging"), Set.of(), false,
                new ExtractionLimits(CAP, 10)))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessage(file + ": entry f11 is past the cap of 10 entries per rootfs archive"
                        + " (<archiveMaxEntries>, scratch.archiveMaxEntries); an archive with that many entries is a"
                        + " decompression bomb or not a rootfs for a scratch image: check what it holds (tar -tvf),"
                        + " and raise <archiveMaxEntries> only for an archive you trust");
        assertThat(filesUnder(work.resolve("staging"))).isEmpty();
    }

    @Test
    void anArchiveExactlyAtTheCapsIsRead() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.write(tree.resolve("a.bin"), new byte[(int) CAP / 2]);
        Files.write(tree.resolve("b.bin"), new byte[(int) CAP / 2]);
        Path archive = work.resolve("in/exact.tar.gz");
        Files.createDirectories(archive.getParent());
        TestExecutables.run(List.of("tar", "-C", tree.toString(), "-czf", archive.toString(), "a.bin", "b.bin"),
                "apt-get install tar gzip");

        LayerSpec layer = RootfsArchive.read(archive, work.resolve("staging"), Set.of(), false,
                new ExtractionLimits(CAP, 2));

        assertThat(layer.files()).hasSize(2);
        assertThat(Files.size(layer.files().get(1).source())).isEqualTo(CAP / 2);
    }

    @Test
    void theDefaultCapsAreGenerous() {
        assertThat(ExtractionLimits.DEFAULT).isEqualTo(new ExtractionLimits(8L << 30, 1_000_000));
    }

    private static List<Path> filesUnder(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
