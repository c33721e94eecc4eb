package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.image.content.ExtractionLimits;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code <compression>}, {@code <compressionLevel>} and {@code <cacheMaxSize>} as request() validates them. */
class ImageRequestTest {
    private static final Target TAR = new TarTarget(Path.of("image.tar"), "app:1");
    private static final Target REGISTRY = new RegistryTarget("localhost:5000/app:1", List.of(), null, null, true,
            false);
    private static final Target DOCKER = new DockerClientTarget(Path.of("docker"), List.of(), Map.of(), "app:1");

    @Test
    void theLevelDefaultsByAlgorithm() throws InvalidInputException {
        assertThat(ImageRequest.compression(null, null, ImageFormat.OCI, TAR)).isEqualTo(LayerCompression.gzip(6));
        assertThat(ImageRequest.compression("gzip", 1, ImageFormat.DOCKER, DOCKER))
                .isEqualTo(LayerCompression.gzip(1));
        assertThat(ImageRequest.compression("zstd", null, ImageFormat.OCI, TAR)).isEqualTo(LayerCompression.zstd(3));
        assertThat(ImageRequest.compression(" ZSTD ", 19, ImageFormat.OCI, REGISTRY))
                .isEqualTo(LayerCompression.zstd(19));
    }

    @Test
    void anUnknownCompressionOrALevelOutOfItsRangeNamesTheParameterAndTheChoices() {
        assertThatThrownBy(() -> ImageRequest.compression("xz", null, ImageFormat.OCI, TAR))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("<compression> (scratch.compression) is 'xz': use gzip (the default) or zstd");
        assertThatThrownBy(() -> ImageRequest.compression("gzip", 10, ImageFormat.OCI, TAR))
                .hasMessage("<compressionLevel> (scratch.compressionLevel) is 10, out of range for gzip: use"
                        + " 0 (store) to 9 (smallest), or leave it out for 6");
        assertThatThrownBy(() -> ImageRequest.compression("zstd", 0, ImageFormat.OCI, TAR))
                .hasMessage("<compressionLevel> (scratch.compressionLevel) is 0, out of range for zstd: use"
                        + " 1 (fastest) to 19 (smallest), or leave it out for 3");
    }

    @Test
    void zstdWithTheDockerFormatNamesBothWaysOut() {
        assertThatThrownBy(() -> ImageRequest.compression("zstd", null, ImageFormat.DOCKER, TAR))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("<compression>zstd</compression> (scratch.compression) needs the OCI image format, but"
                        + " <container><format> (scratch.container.format) is Docker, whose manifests name gzip"
                        + " layers only: use <format>OCI</format> (the default), or <compression>gzip</compression>");
        assertThatThrownBy(() -> ImageRequest.compression("zstd", 5, ImageFormat.DOCKER, REGISTRY))
                .hasMessageContaining("<format>OCI</format>");
    }

    @Test
    void zstdWithDockerBuildNamesGzipAndTheGoalsThatTakeZstd() {
        assertThatThrownBy(() -> ImageRequest.compression("zstd", null, ImageFormat.OCI, DOCKER))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("scratch:dockerBuild hands the image to docker load as a docker-archive, whose layers"
                        + " are gzip only, so it cannot take <compression>zstd</compression> (scratch.compression):"
                        + " use <compression>gzip</compression> for dockerBuild, or scratch:build or"
                        + " scratch:buildTar for a zstd image in the OCI format");
    }

    @Test
    void theCacheCapTakesBytesOrBinaryUnits() throws InvalidInputException {
        assertThat(ImageRequest.cacheMaxBytes(ImageRequest.DEFAULT_CACHE_MAX_SIZE))
                .isEqualTo(BlobStoreCap.DEFAULT_CAP_BYTES);
        assertThat(ImageRequest.cacheMaxBytes(null)).isEqualTo(BlobStoreCap.DEFAULT_CAP_BYTES);
        assertThat(ImageRequest.cacheMaxBytes("1073741824")).isEqualTo(1L << 30);
        assertThat(ImageRequest.cacheMaxBytes("500M")).isEqualTo(500L << 20);
        assertThat(ImageRequest.cacheMaxBytes("500m")).isEqualTo(500L << 20);
        assertThat(ImageRequest.cacheMaxBytes("2 GiB")).isEqualTo(2L << 30);
        assertThat(ImageRequest.cacheMaxBytes("64KB")).isEqualTo(64L << 10);
        assertThat(ImageRequest.cacheMaxBytes("1T")).isEqualTo(1L << 40);
        assertThat(ImageRequest.cacheMaxBytes("100B")).isEqualTo(100);
        assertThat(ImageRequest.cacheMaxBytes("0")).isZero();
    }

    @Test
    void aCacheCapThatIsNotASizeNamesTheParameterAndTheForm() {
        for (String wrong : List.of("", "4X", "-1G", "1.5G", "lots", "99999999999T", "99999999999999999999")) {
            assertThatThrownBy(() -> ImageRequest.cacheMaxBytes(wrong)).as(wrong)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("<cacheMaxSize> (scratch.cacheMaxSize) is '" + wrong + "': give a size in bytes, or"
                            + " a whole number with K, M, G or T (binary: 4G is 4 GiB), such as 4G (the default) or"
                            + " 500M; 0 keeps only what builds running now use");
        }
    }

    @Test
    void theArchiveCapsTakeASizeAndACountDefaultingToTheBuiltInOnes() throws InvalidInputException {
        assertThat(ImageRequest.archiveLimits(null, null)).isEqualTo(ExtractionLimits.DEFAULT);
        assertThat(ImageRequest.archiveLimits(ExtractionLimits.DEFAULT_MAX_SIZE, ExtractionLimits.DEFAULT_MAX_ENTRIES))
                .isEqualTo(ExtractionLimits.DEFAULT);
        assertThat(ImageRequest.archiveLimits("20G", " 3000000 ")).isEqualTo(new ExtractionLimits(20L << 30, 3_000_000));
        assertThat(ImageRequest.archiveLimits("0", "1")).isEqualTo(new ExtractionLimits(0, 1));
    }

    @Test
    void anArchiveCapThatIsNotASizeOrCountNamesTheParameterAndTheForm() {
        for (String wrong : List.of("", "8X", "-1G", "lots", "99999999999T")) {
            assertThatThrownBy(() -> ImageRequest.archiveLimits(wrong, null)).as(wrong)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("<archiveMaxSize> (scratch.archiveMaxSize) is '" + wrong + "': give the most one"
                            + " rootfs archive may extract to, in bytes or a whole number with K, M, G or T (binary:"
                            + " 8G is 8 GiB), such as 8G (the default)");
        }
        for (String wrong : List.of("", "0", "-5", "1e6", "1M", "9999999999999999999")) {
            assertThatThrownBy(() -> ImageRequest.archiveLimits(null, wrong)).as(wrong)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("<archiveMaxEntries> (scratch.archiveMaxEntries) is '" + wrong + "': give the most"
                            + " entries one rootfs archive may hold, a whole number of 1 or more, such as 1000000"
                            + " (the default)");
        }
    }
}
