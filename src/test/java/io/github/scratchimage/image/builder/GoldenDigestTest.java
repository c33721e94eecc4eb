package io.github.scratchimage.image.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImageLayer;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.Tool;
import io.github.scratchimage.testing.OciArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes users get, pinned. An image is built from inputs this test makes (pseudo-random
 * bytes from a fixed seed, fixed times, a fixed tool name) and its digests are compared with
 * values recorded when the format last changed on purpose. A failure here means every user's
 * digest changes: if that is intended, update the pins and say so in the CHANGELOG.
 *
 * <p>The uncompressed layer digests (diff IDs) and the config digest depend only on our code.
 * The compressed layer digests and so the manifest digest depend also on the JDK's zlib (Debian
 * links the system zlib, Temurin bundles its own), so they are pinned for Debian 12's zlib, the
 * machine the suite runs on.
 */
class GoldenDigestTest {
    private static final Tool TOOL = new Tool("scratch-maven-plugin", "golden");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path work;

    @Test
    void anImageFromFixedInputsHasThePinnedDigests() throws Exception {
        Path executable = bytes("hello", 300_000, 1);
        Path data = bytes("data.bin", 70_000, 2);
        Path config = Files.writeString(work.resolve("app.conf"), "listen 8080\n");
        LayerSpec content = new LayerSpec("extra-directories", List.of(
                LayerFile.directory("/etc", "755"),
                new LayerFile(config, "/etc/app.conf", "644"),
                LayerFile.directory("/srv", "755"),
                new LayerFile(data, "/srv/data.bin", "600")));
        ImagePlan plan = ImagePlan.builder(executable, Platform.linux("amd64"))
                .appRoot("/app")
                .args(List.of("--serve"))
                .environment(Map.of("MODE", "golden"))
                .exposedPorts(List.of("8080"))
                .labels(Map.of("org.opencontainers.image.title", "golden"))
                .format(ImageFormat.OCI)
                .creationTime(CREATED)
                .filesModificationTime(CREATED.plusSeconds(1))
                .tool(TOOL)
                .addLayerBefore(content)
                .build();

        Path tar = work.resolve("image.tar");
        ImageResult result = new ImageBuilder(work.resolve("cache"), BuildListener.NONE)
                .build(plan, new TarTarget(tar, "golden:1"));

        OciArchive archive = OciArchive.read(tar);
        assertThat(archive.config().get("rootfs").get("diff_ids")).extracting(node -> node.asText()).containsExactly(
                "sha256:c9e5de27abb42e9e074193143b63d7fdbd18c4804e7c3b5a2d2793397db11c59",
                "sha256:7f9f2f0aec32d267519be653f15f28a44bfa4be57c9a9173e0cd9a2e53639e82");
        assertThat(result.imageId()).as("config digest")
                .isEqualTo("sha256:80d49eb3a19990d1095cafe09a826aa8a5c2fadc8737c0f6439c8bbf44b68ad4");
        assertThat(result.layers()).extracting(ImageLayer::digest).as("compressed layers (Debian 12's zlib)").containsExactly(
                "sha256:d821cafa4ce485684b2d6f2e550e3e1208d5cee97f8985e0fc1ee515d4a4456f",
                "sha256:60e348a3234c6f6b0051cc51600c3cacd170be98e093ac2b585f58c91e158c22");
        assertThat(result.digest()).as("manifest digest (Debian 12's zlib)")
                .isEqualTo("sha256:581fa24cb79390ec86f1fd955121bfd3976fac9a1808cf618f212474927eb615");
    }

    /** Pseudo-random but fixed bytes: compressible enough to exercise deflate, the same on every machine. */
    private Path bytes(String name, int size, long seed) throws Exception {
        byte[] content = new byte[size];
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (random.nextInt(16) + (i % 64 < 32 ? 'a' : 0));
        }
        return Files.write(work.resolve(name), content);
    }
}
