package io.github.scratchimage.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.testing.TestExecutables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCompressionTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @TempDir
    Path work;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void eachAlgorithmHasItsDefaultLevelAndOciMediaType() {
        LayerCompression gzip = LayerCompression.of("gzip", null);
        LayerCompression zstd = LayerCompression.of(" ZSTD ", null);

        assertThat(gzip).isEqualTo(LayerCompression.gzip(6));
        assertThat(zstd).isEqualTo(LayerCompression.zstd(3));
        assertThat(gzip.mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
        assertThat(zstd.mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd");
        assertThat(LayerCompression.of("zstd", 19).level()).isEqualTo(19);
        assertThat(LayerCompression.of("gzip", 0).level()).isZero();
    }

    @Test
    void aLevelOutOfRangeNamesTheValueAndTheRange() {
        assertThatThrownBy(() -> LayerCompression.of("gzip", 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gzip compression level 10 is out of range: use 0-9 (default 6)");
        assertThatThrownBy(() -> LayerCompression.zstd(0))
                .hasMessage("zstd compression level 0 is out of range: use 1-19 (default 3)");
        assertThatThrownBy(() -> LayerCompression.zstd(20))
                .hasMessage("zstd compression level 20 is out of range: use 1-19 (default 3)");
        assertThatThrownBy(() -> LayerCompression.gzip(-1))
                .hasMessage("gzip compression level -1 is out of range: use 0-9 (default 6)");
    }

    @Test
    void anUnknownAlgorithmNamesTheValueAndTheChoices() {
        assertThatThrownBy(() -> LayerCompression.of("lz4", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown layer compression 'lz4': use gzip or zstd");
        assertThatThrownBy(() -> LayerCompression.of(null, 3))
                .hasMessage("unknown layer compression 'null': use gzip or zstd");
    }

    @Test
    void theCacheKeyTellsEveryAlgorithmAndLevelApart() {
        List<String> keys = Stream.of(LayerCompression.gzip(6), LayerCompression.gzip(7), LayerCompression.zstd(6),
                LayerCompression.zstd(3)).map(LayerCompression::cacheKey).toList();

        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys.get(0)).isEqualTo("gzip level 6 chunk 1048576");
        // A new zstd-jni bundles a new libzstd, which may compress the same tar to other bytes.
        assertThat(keys.get(3)).matches("zstd level 3 job 4194304 checksum zstd-jni \\d+\\.\\d+\\.\\d+-\\d+");
    }

    @Test
    void gzipGivesOneMemberTheGzipCommandReadsWhateverTheWorkers() throws IOException {
        byte[] input = MachineCode.fromUsrBin(3 << 20);

        byte[] one = compress(LayerCompression.gzip(6), input, 1);
        byte[] four = compress(LayerCompression.gzip(6), input, 4);

        assertThat(one).isEqualTo(four);
        Path file = Files.write(work.resolve("layer.gz"), one);
        TestExecutables.run(List.of("gzip", "-d", "-k", file.toString()), "apt-get install gzip");
        assertThat(Files.readAllBytes(work.resolve("layer"))).isEqualTo(input);
    }

    @Test
    void gzipIsAlwaysAvailable() throws IOException {
        LayerCompression.gzip(6).checkAvailable();
    }

    private byte[] compress(LayerCompression compression, byte[] input, int workers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressed = compression.compress(out, executor, workers)) {
            compressed.write(input);
        }
        return out.toByteArray();
    }
}
