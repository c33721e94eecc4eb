package io.github.scratchimage.image.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class LayerBlobStoreTest {
    private static final Instant TIME = Instant.parse("2026-02-03T04:05:06Z");
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<BlobLease> leases = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void stop() throws IOException {
        executor.shutdownNow();
        closeLeases();
    }

    @Test
    void theLayerHoldsOnlyTheEntriesAskedForWithoutPaxHeadersOrOwnersNames() throws IOException {
        Path app = Files.write(work.resolve("app"), new byte[] {1, 2, 3});
        LayerSpec spec = new LayerSpec("executable", List.of(
                LayerFile.directory("/tmp", "1777"), new LayerFile(app, "/app/app", "755")));

        LayerBlob blob = store().blobFor(spec, TIME, bytes -> { });

        List<TarArchiveEntry> entries = entries(blob.file());
        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("tmp/", "app/app");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.getExtraPaxHeaders()).isEmpty();
            assertThat(entry.getUserName()).isEmpty();
            assertThat(entry.getGroupName()).isEmpty();
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getModTime().toInstant()).isEqualTo(TIME);
        });
        assertThat(entries.get(0).getMode() & 07777).isEqualTo(01777);
        assertThat(entries.get(1).getMode() & 07777).isEqualTo(0755);
        assertThat(blob.digest()).isEqualTo(Sha256.of(Files.readAllBytes(blob.file())));
        assertThat(blob.size()).isEqualTo(Files.size(blob.file()));
    }

    @Test
    void aSecondFileWithTheSameContentAndModeIsAHardLinkToTheFirst() throws IOException {
        Path utc = Files.write(work.resolve("UTC"), "TZif-utc".getBytes());
        Path alias = Files.write(work.resolve("Etc-UTC"), "TZif-utc".getBytes());
        LayerSpec spec = new LayerSpec("timezones", List.of(
                new LayerFile(utc, "/usr/share/zoneinfo/Etc/UTC", "644"),
                new LayerFile(alias, "/usr/share/zoneinfo/UTC", "644"),
                new LayerFile(alias, "/usr/share/zoneinfo/UTC-executable", "755")));

        List<TarArchiveEntry> entries = entries(store().blobFor(spec, TIME, bytes -> { }).file());

        assertThat(entries.get(1).isLink()).isTrue();
        assertThat(entries.get(1).getLinkName()).isEqualTo("usr/share/zoneinfo/Etc/UTC");
        assertThat(entries.get(1).getSize()).isZero();
        // A hard link shares its target's mode, so a different mode needs a copy.
        assertThat(entries.get(2).isLink()).isFalse();
        assertThat(entries.get(2).getSize()).isEqualTo(8);
    }

    @Test
    void aSymlinkIsASymlinkEntryWithItsLinkTextAndNoContent() throws IOException {
        Path conf = Files.write(work.resolve("app.conf"), "port=1\n".getBytes());
        LayerSpec spec = new LayerSpec("rootfs", List.of(
                new LayerFile(conf, "/etc/app.conf", "644"),
                LayerFile.symlink("/etc/current.conf", "app.conf", conf)));

        List<TarArchiveEntry> entries = entries(store().blobFor(spec, TIME, bytes -> { }).file());

        assertThat(entries.get(1).isSymbolicLink()).isTrue();
        assertThat(entries.get(1).getLinkName()).isEqualTo("app.conf");
        assertThat(entries.get(1).getSize()).isZero();
        // Not a hard link to the file it resolves to: the link text is what the archive had.
        assertThat(entries.get(1).isLink()).isFalse();
    }

    @Test
    void anUnchangedLayerIsNotCompressedAgain() throws IOException {
        Path app = Files.write(work.resolve("app"), "same".getBytes());
        LayerSpec spec = new LayerSpec("executable", List.of(new LayerFile(app, "/app/app", "755")));
        LayerBlob first = store().blobFor(spec, TIME, bytes -> { });
        long[] compressed = {0};

        LayerBlob second = store().blobFor(spec, TIME, bytes -> compressed[0] += bytes);

        assertThat(second).isEqualTo(first);
        assertThat(compressed[0]).as("bytes compressed on the second build").isZero();
    }

    @Test
    void aChangedFileOfTheSameSizeAndTimeGivesANewLayer() throws IOException {
        // Jib's cache would reuse the stale layer here: same path, size and modification time.
        Path app = Files.write(work.resolve("app"), "old!".getBytes());
        Files.setLastModifiedTime(app, FileTime.from(TIME));
        LayerSpec spec = new LayerSpec("executable", List.of(new LayerFile(app, "/app/app", "755")));
        LayerBlob before = store().blobFor(spec, TIME, bytes -> { });

        Files.write(app, "new!".getBytes());
        Files.setLastModifiedTime(app, FileTime.from(TIME));
        LayerBlob after = store().blobFor(spec, TIME, bytes -> { });

        assertThat(after.diffId()).isNotEqualTo(before.diffId());
        assertThat(after.digest()).isNotEqualTo(before.digest());
    }

    @Test
    void aBlobThatWentMissingIsMadeAgain() throws IOException {
        Path app = Files.write(work.resolve("app"), "content".getBytes());
        LayerSpec spec = new LayerSpec("executable", List.of(new LayerFile(app, "/app/app", "755")));
        LayerBlob first = store().blobFor(spec, TIME, bytes -> { });
        Files.write(first.file(), new byte[] {0});

        LayerBlob second = store().blobFor(spec, TIME, bytes -> { });

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(Files.size(second.file())).isEqualTo(first.size());
    }

    @Test
    void modeAndTimeArePartOfTheKey() throws IOException {
        Path app = Files.write(work.resolve("app"), "content".getBytes());
        LayerBlob executable = store().blobFor(new LayerSpec("a", List.of(new LayerFile(app, "/app/app", "755"))),
                TIME, bytes -> { });
        LayerBlob plain = store().blobFor(new LayerSpec("a", List.of(new LayerFile(app, "/app/app", "644"))),
                TIME, bytes -> { });
        LayerBlob later = store().blobFor(new LayerSpec("a", List.of(new LayerFile(app, "/app/app", "755"))),
                TIME.plusSeconds(1), bytes -> { });

        assertThat(List.of(executable.diffId(), plain.diffId(), later.diffId())).doesNotHaveDuplicates();
    }

    @Test
    void partialsLeftByAKilledBuildAreRemovedButNotOnesBeingWritten() throws IOException {
        Path blobs = Files.createDirectories(work.resolve("cache/blobs/sha256"));
        Path layers = Files.createDirectories(work.resolve("cache/layers"));
        Path killedBlob = Files.write(blobs.resolve(".blob.123.partial"), new byte[4096]);
        Path killedIndex = Files.write(layers.resolve(".index.456.partial"), new byte[16]);
        Path beingWritten = Files.write(blobs.resolve(".blob.789.partial"), new byte[4096]);
        java.nio.file.attribute.FileTime twoHoursAgo = java.nio.file.attribute.FileTime.from(
                Instant.now().minus(java.time.Duration.ofHours(2)));
        Files.setLastModifiedTime(killedBlob, twoHoursAgo);
        Files.setLastModifiedTime(killedIndex, twoHoursAgo);
        Path app = Files.write(work.resolve("app"), "content".getBytes());

        store().blobFor(new LayerSpec("a", List.of(new LayerFile(app, "/app/app", "755"))), TIME, bytes -> { });

        assertThat(killedBlob).doesNotExist();
        assertThat(killedIndex).doesNotExist();
        assertThat(beingWritten).exists();
    }

    @Test
    void blobsWrittenAndBlobsReusedAreHeldByTheBuildsLeaseAgainstEviction() throws IOException {
        Path old = Files.write(work.resolve("old"), "reused".getBytes());
        Path fresh = Files.write(work.resolve("fresh"), "written".getBytes());
        LayerSpec reusedSpec = new LayerSpec("a", List.of(new LayerFile(old, "/app/old", "755")));
        LayerBlob reused = store().blobFor(reusedSpec, TIME, bytes -> { });
        closeLeases();
        BlobLease build = lease();
        LayerBlobStore store = new LayerBlobStore(work.resolve("cache"), LayerCompression.gzip(6), executor, 2, build);

        LayerBlob hit = store.blobFor(reusedSpec, TIME, bytes -> { });
        LayerBlob written = store.blobFor(new LayerSpec("b", List.of(new LayerFile(fresh, "/app/fresh", "755"))),
                TIME, bytes -> { });
        BlobStoreCap.Eviction whileHeld = new BlobStoreCap(work.resolve("cache"), 0).evict();

        assertThat(hit).isEqualTo(reused);
        assertThat(whileHeld.evictedDigests()).isEmpty();
        assertThat(hit.file()).exists();
        assertThat(written.file()).exists();
        build.close();
        assertThat(new BlobStoreCap(work.resolve("cache"), 0).evict().evictedDigests())
                .containsExactlyInAnyOrder(hit.digest(), written.digest());
    }

    @Test
    void theCompressionIsPartOfTheKeyAndZstdBlobsAreZstdFrames() throws IOException {
        Path app = Files.write(work.resolve("app"), "content".getBytes());
        LayerSpec spec = new LayerSpec("a", List.of(new LayerFile(app, "/app/app", "755")));
        LayerBlob gzip = store().blobFor(spec, TIME, bytes -> { });
        long[] compressed = {0};

        LayerBlob zstd = new LayerBlobStore(work.resolve("cache"), LayerCompression.zstd(3), executor, 2, lease())
                .blobFor(spec, TIME, bytes -> compressed[0] += bytes);

        assertThat(compressed[0]).as("compressed, not the gzip blob reused").isPositive();
        assertThat(zstd.diffId()).isEqualTo(gzip.diffId());
        assertThat(zstd.digest()).isNotEqualTo(gzip.digest());
        byte[] bytes = Files.readAllBytes(zstd.file());
        // The zstd frame magic number, 0xFD2FB528 little-endian.
        assertThat(java.util.Arrays.copyOf(bytes, 4)).containsExactly(0x28, 0xB5, 0x2F, 0xFD);
    }

    private void closeLeases() throws IOException {
        for (BlobLease lease : leases) {
            lease.close();
        }
        leases.clear();
    }

    private LayerBlobStore store() throws IOException {
        return new LayerBlobStore(work.resolve("cache"), LayerCompression.gzip(6), executor, 2, lease());
    }

    private BlobLease lease() throws IOException {
        BlobLease lease = BlobLease.open(work.resolve("cache"));
        leases.add(lease);
        return lease;
    }

    private static List<TarArchiveEntry> entries(Path gzip) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
