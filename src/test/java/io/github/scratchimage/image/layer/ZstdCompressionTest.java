package io.github.scratchimage.image.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import io.github.scratchimage.testing.TestExecutables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZstdCompressionTest {
    /** Three libzstd jobs and a part, so the workers really share the frame out. */
    private static final int INPUT_SIZE = 3 * ZstdLayerOutputStream.JOB_SIZE + 123_457;
    private static byte[] machineCode;

    @TempDir
    Path work;

    @BeforeAll
    static void readMachineCode() {
        machineCode = MachineCode.fromUsrBin(INPUT_SIZE);
    }

    @Test
    void theBytesDoNotDependOnTheNumberOfWorkers() throws IOException {
        byte[] one = compress(machineCode, 1);
        byte[] two = compress(machineCode, 2);
        byte[] eight = compress(machineCode, 8);

        assertThat(two).isEqualTo(one);
        assertThat(eight).isEqualTo(one);
        assertThat(one.length).as("machine code compresses").isLessThan(machineCode.length * 3 / 4);
    }

    @Test
    void theBytesDoNotDependOnHowTheInputIsSplitIntoWritesNorOnFlushes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(42);
        try (OutputStream zstd = LayerCompression.zstd(3).compress(out, null, 2)) {
            int offset = 0;
            while (offset < machineCode.length) {
                int n = Math.min(machineCode.length - offset, 1 + random.nextInt(300_000));
                if (n == 1) {
                    zstd.write(machineCode[offset]);
                } else {
                    zstd.write(machineCode, offset, n);
                }
                zstd.flush();
                offset += n;
            }
        }

        assertThat(out.toByteArray()).isEqualTo(compress(machineCode, 2));
    }

    @Test
    void debiansZstdDecompressesTheFrameAndChecksItsChecksum() throws IOException {
        Path frame = Files.write(work.resolve("layer.tar.zst"), compress(machineCode, 2));

        String listing = TestExecutables.run(List.of("zstd", "-l", "-v", frame.toString()),
                "apt-get install zstd");
        TestExecutables.run(List.of("zstd", "-d", "-q", "-o", work.resolve("layer.tar").toString(),
                frame.toString()), "apt-get install zstd");

        assertThat(Files.readAllBytes(work.resolve("layer.tar"))).isEqualTo(machineCode);
        assertThat(listing).contains("Check: XXH64");
    }

    @Test
    void eachLevelGivesAFrameThatDecompressesBack() throws IOException {
        byte[] input = java.util.Arrays.copyOf(machineCode, 1 << 20);
        List<Integer> sizes = new ArrayList<>();
        for (int level : new int[] {1, 3, 19}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream zstd = LayerCompression.zstd(level).compress(out, null, 2)) {
                zstd.write(input);
            }
            try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(out.toByteArray()))) {
                assertThat(in.readAllBytes()).isEqualTo(input);
            }
            sizes.add(out.size());
        }

        assertThat(sizes.get(2)).as("level 19 against level 1").isLessThan(sizes.get(0));
    }

    @Test
    void closingEndsTheFrameButLeavesTheUnderlyingStreamOpen() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean[] closed = {false};
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        OutputStream zstd = LayerCompression.zstd(3).compress(out, null, 1);
        zstd.write(new byte[] {1, 2, 3});
        zstd.close();
        zstd.close();

        assertThat(closed[0]).isFalse();
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void whenTheNativeLibraryCannotBeUnpackedTheErrorNamesBothFixes() throws Exception {
        Path missing = work.resolve("no-such-directory");

        TestExecutables.Outcome outcome = childWith("-Djava.io.tmpdir=" + missing, "-DZstdTempFolder=" + missing);

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(3);
        assertThat(outcome.output())
                .contains("could not be unpacked and loaded from " + missing + " (-DZstdTempFolder)")
                .contains("Point -DZstdTempFolder=<directory>")
                .contains("<compression>gzip</compression>")
                .contains("-Dscratch.compression=gzip")
                .doesNotContain("building from source");
    }

    @Test
    void withoutTheTempFolderPropertyTheErrorNamesJavaIoTmpdir() throws Exception {
        Path missing = work.resolve("no-tmp");

        TestExecutables.Outcome outcome = childWith("-Djava.io.tmpdir=" + missing);

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(3);
        assertThat(outcome.output()).contains("loaded from " + missing + " (java.io.tmpdir)")
                .contains("Point -DZstdTempFolder=<directory>");
    }

    @Test
    void aWritableTempFolderIsWhereTheLibraryIsUnpacked() throws Exception {
        Path folder = Files.createDirectories(work.resolve("exec-ok"));

        TestExecutables.Outcome outcome = childWith("-Djava.io.tmpdir=" + work.resolve("no-tmp"),
                "-DZstdTempFolder=" + folder);

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("compressed");
    }

    private static TestExecutables.Outcome childWith(String... properties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), ZstdInAChildProcess.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        return new TestExecutables.Outcome(child.exitValue(), new String(output));
    }

    private static byte[] compress(byte[] input, int workers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream zstd = LayerCompression.zstd(3).compress(out, null, workers)) {
            zstd.write(input);
        }
        return out.toByteArray();
    }
}
