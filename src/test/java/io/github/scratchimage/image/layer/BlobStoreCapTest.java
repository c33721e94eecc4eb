package io.github.scratchimage.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreCapTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path store;

    @Test
    void theLeastRecentlyUsedBlobsGoFirstAndOnlyAsManyAsTheCapNeeds() throws IOException {
        String oldest = blob(1000, 1);
        String older = blob(1000, 2);
        String newer = blob(1000, 3);
        String newest = blob(1000, 4);

        BlobStoreCap.Eviction eviction = new BlobStoreCap(store, 2500).evict();

        assertThat(eviction.evictedDigests()).containsExactly(oldest, older);
        assertThat(eviction.freedBytes()).isEqualTo(2000);
        assertThat(eviction.keptBytes()).isEqualTo(2000);
        assertThat(eviction.withinCap()).isTrue();
        assertThat(blobsOnDisk()).containsExactlyInAnyOrder(newer, newest);
    }

    @Test
    void aHitMakesTheBlobTheMostRecentlyUsed() throws IOException {
        String used = blob(1000, 1);
        String untouched = blob(1000, 2);
        try (BlobLease lease = BlobLease.open(store)) {
            assertThat(lease.use(used)).isTrue();
        }

        BlobStoreCap.Eviction eviction = new BlobStoreCap(store, 1000).evict();

        assertThat(eviction.evictedDigests()).containsExactly(untouched);
        assertThat(blobsOnDisk()).containsExactly(used);
    }

    @Test
    void theCapHoldsAfterEviction() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            blob(1 + random.nextInt(5000), i);
        }
        long before = bytesOnDisk();
        long cap = before / 3;

        BlobStoreCap.Eviction eviction = new BlobStoreCap(store, cap).evict();

        assertThat(bytesOnDisk()).isEqualTo(eviction.keptBytes()).isLessThanOrEqualTo(cap);
        assertThat(eviction.freedBytes()).isEqualTo(before - bytesOnDisk());
        assertThat(new BlobStoreCap(store, cap).evict().evictedDigests()).as("a second pass").isEmpty();
    }

    @Test
    void aBlobOfAnOpenLeaseInThisJvmIsKeptEvenOverTheCap() throws IOException {
        String held = blob(1000, 1);
        String free = blob(1000, 2);
        try (BlobLease lease = BlobLease.open(store)) {
            lease.use(held);

            BlobStoreCap.Eviction eviction = new BlobStoreCap(store, 0).evict();

            assertThat(eviction.evictedDigests()).containsExactly(free);
            assertThat(eviction.keptBytes()).isEqualTo(1000);
            assertThat(eviction.withinCap()).isFalse();
        }
        assertThat(new BlobStoreCap(store, 0).evict().evictedDigests()).containsExactly(held);
    }

    @Test
    void aBlobClaimedBeforeItIsWrittenIsKeptOnceItAppears() throws IOException {
        byte[] content = "a blob still being compressed".getBytes(StandardCharsets.UTF_8);
        String digest = digestOf(content);
        try (BlobLease lease = BlobLease.open(store)) {
            assertThat(lease.use(digest)).as("not in the store yet").isFalse();
            Files.write(blobPath(digest), content);

            assertThat(new BlobStoreCap(store, 0).evict().evictedDigests()).isEmpty();
        }
        assertThat(blobsOnDisk()).containsExactly(digest);
    }

    @Test
    void aBlobHeldByABuildInAnotherJvmIsNeverEvicted() throws Exception {
        String held = blob(1000, 1);
        String free = blob(1000, 2);
        Process child = holdInAChild(held);
        try {
            BlobStoreCap.Eviction eviction = new BlobStoreCap(store, 0).evict();

            assertThat(eviction.evictedDigests()).containsExactly(free);
            assertThat(blobsOnDisk()).containsExactly(held);
        } finally {
            child.getOutputStream().close(); // the child's build ends and closes its lease
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isZero();
        assertThat(new BlobStoreCap(store, 0).evict().evictedDigests()).containsExactly(held);
        assertThat(leaseFiles()).isEmpty();
    }

    @Test
    void aKilledBuildsLeaseHoldsNothingAndIsRemoved() throws Exception {
        String held = blob(1000, 1);
        Process child = holdInAChild(held);
        assertThat(leaseFiles()).hasSize(1);

        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, the lease file stays
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(leaseFiles()).hasSize(1);

        assertThat(new BlobStoreCap(store, 0).evict().evictedDigests()).containsExactly(held);
        assertThat(leaseFiles()).isEmpty();
    }

    @Test
    void twoEvictionsAtOnceBothSucceedAndEvictEachBlobOnce() throws Exception {
        for (int i = 0; i < 300; i++) {
            blob(100, i);
        }
        long cap = 100 * 100;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<BlobStoreCap.Eviction>> evictions = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                evictions.add(threads.submit(() -> {
                    start.await();
                    return new BlobStoreCap(store, cap).evict();
                }));
            }
            start.countDown();

            List<String> evicted = new ArrayList<>();
            for (Future<BlobStoreCap.Eviction> eviction : evictions) {
                evicted.addAll(eviction.get(60, TimeUnit.SECONDS).evictedDigests());
            }
            assertThat(evicted).hasSize(200).doesNotHaveDuplicates();
            assertThat(bytesOnDisk()).isEqualTo(cap);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theLayerRecordsOfAnEvictedBlobGoWithIt() throws IOException {
        String evicted = blob(1000, 1);
        String kept = blob(1000, 2);
        Path layers = Files.createDirectories(store.resolve("layers"));
        Files.writeString(layers.resolve("a".repeat(64)), "digest=" + evicted + "\nsize=1000\n");
        Files.writeString(layers.resolve("b".repeat(64)), "digest=" + kept + "\nsize=1000\n");

        new BlobStoreCap(store, 1000).evict();

        try (Stream<Path> records = Files.list(layers)) {
            assertThat(records.map(path -> path.getFileName().toString())).containsExactly("b".repeat(64));
        }
    }

    @Test
    void anEmptyOrMissingStoreHasNothingToEvict() throws IOException {
        BlobStoreCap.Eviction eviction = new BlobStoreCap(store.resolve("never-used"), 0).evict();

        assertThat(eviction.evictedDigests()).isEmpty();
        assertThat(eviction.keptBytes()).isZero();
    }

    @Test
    void aDigestThatIsNotSha256IsRefusedByName() throws IOException {
        try (BlobLease lease = BlobLease.open(store)) {
            assertThatThrownBy(() -> lease.use("sha256:../../etc")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a sha256 digest: 'sha256:../../etc'");
        }
    }

    private Process holdInAChild(String digest) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, HoldBlobsInAChildProcess.class.getName(), store.toString(), digest)
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = output.readLine();
        if (!"holding".equals(line)) {
            child.destroyForcibly();
            throw new AssertionError("the child did not take its lease: " + line);
        }
        return child;
    }

    /** A blob of {@code size} bytes used {@code age} minutes after {@link #START}. */
    private String blob(int size, int age) throws IOException {
        byte[] content = new byte[size];
        new Random(age * 31L + size).nextBytes(content);
        String digest = digestOf(content);
        Path blob = blobPath(digest);
        Files.write(blob, content);
        Files.setLastModifiedTime(blob, FileTime.from(START.plusSeconds(60L * age)));
        return digest;
    }

    private Path blobPath(String digest) throws IOException {
        return Files.createDirectories(store.resolve("blobs/sha256")).resolve(digest.substring("sha256:".length()));
    }

    private static String digestOf(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> blobsOnDisk() throws IOException {
        try (Stream<Path> blobs = Files.list(store.resolve("blobs/sha256"))) {
            Set<String> digests = new HashSet<>();
            blobs.forEach(blob -> digests.add("sha256:" + blob.getFileName()));
            return digests;
        }
    }

    private long bytesOnDisk() throws IOException {
        try (Stream<Path> blobs = Files.list(store.resolve("blobs/sha256"))) {
            return blobs.mapToLong(blob -> blob.toFile().length()).sum();
        }
    }

    private List<Path> leaseFiles() throws IOException {
        Path leases = store.resolve(BlobLease.DIRECTORY);
        if (!Files.isDirectory(leases)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(leases)) {
            return files.toList();
        }
    }
}
