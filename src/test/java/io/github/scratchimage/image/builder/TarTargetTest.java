package io.github.scratchimage.image.builder;

import static io.github.scratchimage.testing.ContainerTools.chroot;
import static io.github.scratchimage.testing.ContainerTools.skopeo;
import static io.github.scratchimage.testing.ContainerTools.unpackImage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImageLayer;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.testing.OciArchive;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TarTargetTest {
    @TempDir
    Path work;

    @Test
    void staticHelloBecomesARunnableAmd64ImageWithAnExecutableOwnedByRoot() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));
        ImageFixtures.RecordingListener listener = new ImageFixtures.RecordingListener();
        Path tar = work.resolve("image.tar");

        ImageResult result = new ImageBuilder(work.resolve("cache"), listener)
                .build(ImagePlan.builder(hello, Platform.linux("amd64")).build(), new TarTarget(tar, "hello:1"));

        String inspect = skopeo("inspect", "oci-archive:" + tar);
        assertThat(inspect).contains("\"Architecture\": \"amd64\"").contains("\"Os\": \"linux\"")
                .contains(result.digest());
        OciArchive archive = OciArchive.read(tar);
        JsonNode config = archive.config();
        assertThat(config.get("config").get("Entrypoint").toString()).isEqualTo("[\"/app/hello\"]");
        assertThat(config.get("config").get("User").asText()).isEqualTo("65532:65532");
        assertThat(result.layers()).hasSize(1);
        assertThat(result.layers().get(0).digest()).isEqualTo(archive.layers().get(0).get("digest").asText());
        assertThat(result.layers().get(0).compressedSize()).isEqualTo(archive.layers().get(0).get("size").asLong());
        TarArchiveEntry entry = archive.layerEntries(result.layers().get(0).digest()).get("app/hello");
        assertThat(entry.getMode() & 07777).isEqualTo(0755);
        assertThat(entry.getLongUserId()).isZero();
        assertThat(entry.getLongGroupId()).isZero();
        assertThat(result.delivered()).isFalse();
        assertThat(listener.lines).isNotEmpty();
        // Readable as any file this process creates (the umask's), not owner-only like a temp file.
        assertThat(Files.getPosixFilePermissions(tar))
                .isEqualTo(Files.getPosixFilePermissions(Files.createFile(work.resolve("plain-file"))));

        Path rootfs = unpackImage("oci-archive:" + tar, work);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(rootfs.resolve("app/hello")))).isEqualTo("rwxr-xr-x");
        assertThat(chroot(rootfs, "/app/hello")).isEqualTo("hello from scratch\n");
    }

    @Test
    void everyTagNamesTheImageInTheDockerArchiveAndInTheOciIndex() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));
        ImageBuilder builder = new ImageBuilder(work.resolve("cache"), BuildListener.NONE);
        Path oci = work.resolve("oci.tar");
        Path docker = work.resolve("docker.tar");

        ImageResult result = builder.build(ImagePlan.builder(hello, Platform.linux("amd64")).build(),
                new TarTarget(oci, "localhost/team/hello:1.0", List.of("latest", "stable", "1.0")));
        builder.build(ImagePlan.builder(hello, Platform.linux("amd64")).format(ImageFormat.DOCKER).build(),
                new TarTarget(docker, "localhost/team/hello:1.0", List.of("latest", "stable")));

        assertThat(result.tags()).containsExactly("1.0", "latest", "stable");
        // one OCI index entry per name, each the same manifest; skopeo picks one by its name
        JsonNode index = OciArchive.read(oci).json("index.json");
        assertThat(index.get("manifests")).extracting(m -> m.get("annotations")
                .get("org.opencontainers.image.ref.name").asText()).containsExactly("localhost/team/hello:1.0",
                "localhost/team/hello:latest", "localhost/team/hello:stable");
        assertThat(index.get("manifests")).extracting(m -> m.get("digest").asText()).containsOnly(result.digest());
        assertThat(skopeo("inspect", "oci-archive:" + oci + ":localhost/team/hello:stable")).contains(result.digest());
        assertThat(OciArchive.read(docker).json("manifest.json").get(0).get("RepoTags")).extracting(JsonNode::asText)
                .containsExactly("localhost/team/hello:1.0", "localhost/team/hello:latest", "localhost/team/hello:stable");
    }

    @Test
    void aTagJibWouldRefuseFailsTheTarBuildBeforeAnythingIsWritten() {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                new ImageBuilder(work.resolve("cache"), BuildListener.NONE).build(
                        ImagePlan.builder(hello, Platform.linux("amd64")).build(),
                        new TarTarget(work.resolve("bad.tar"), "hello:1", List.of("not a tag"))));

        assertThat(refused).isInstanceOf(io.github.scratchimage.image.InvalidReferenceException.class)
                .hasMessageContaining("not a tag");
        assertThat(work.resolve("bad.tar")).doesNotExist();
    }

    @Test
    void arm64ExecutableGivesAnArm64ImageThatRunsUnderQemu() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.AARCH64_STATIC, work.resolve("in"));
        Path tar = work.resolve("image.tar");

        new ImageBuilder(work.resolve("cache"), BuildListener.NONE)
                .build(ImagePlan.builder(hello, Platform.linux("arm64")).build(), new TarTarget(tar, "hello:arm"));

        assertThat(skopeo("inspect", "--config", "oci-archive:" + tar)).contains("\"architecture\": \"arm64\"");
        assertThat(runUnderQemu(tar, "qemu-aarch64-static")).isEqualTo("hello from scratch\n");
    }

    @Test
    void dockerFormatWritesADockerArchiveThatSkopeoReadsAndThatRuns() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));
        Path tar = work.resolve("image.tar");

        new ImageBuilder(work.resolve("cache"), BuildListener.NONE).build(
                ImagePlan.builder(hello, Platform.linux("amd64")).format(ImageFormat.DOCKER).build(),
                new TarTarget(tar, "hello:docker"));

        assertThat(skopeo("inspect", "--config", "docker-archive:" + tar)).contains("\"architecture\": \"amd64\"");
        Path rootfs = unpackImage("docker-archive:" + tar, work);
        assertThat(chroot(rootfs, "/app/hello")).isEqualTo("hello from scratch\n");
    }

    @Test
    void armhfExecutableGivesAnArmV7ImageThatRunsUnderQemu() throws Exception {
        // Jib 0.28.1 has no variant and wrote linux/arm; a runtime on an arm64 host then cannot
        // tell v7 from v6 or v8, and picks by guess from a multi-arch list.
        Path hello = ImageFixtures.hello(Toolchain.ARMHF_STATIC, work.resolve("in"));
        Path tar = work.resolve("image.tar");

        new ImageBuilder(work.resolve("cache"), BuildListener.NONE)
                .build(ImagePlan.builder(hello, Platform.linux("arm", "v7")).build(), new TarTarget(tar, "hello:arm"));

        String config = skopeo("inspect", "--config", "oci-archive:" + tar);
        assertThat(config).contains("\"architecture\": \"arm\"").contains("\"variant\": \"v7\"");
        assertThat(runUnderQemu(tar, "qemu-arm-static")).isEqualTo("hello from scratch\n");
    }

    /** Unpacks the image and runs its /app/hello with the given qemu-user emulator in a chroot. */
    private String runUnderQemu(Path tar, String emulator) throws IOException {
        Path rootfs = unpackImage("oci-archive:" + tar, work);
        Path qemu = Path.of(TestExecutables.run(List.of("sh", "-c", "command -v " + emulator),
                "apt-get install qemu-user-static").strip());
        Files.copy(qemu, rootfs.resolve(emulator));
        return chroot(rootfs, "/" + emulator, "/app/hello");
    }

    @Test
    void sameExecutableAndPlanGiveTheSameDigestAndIdenticalTarWithSeparateCaches() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));
        ImagePlan plan = ImagePlan.builder(hello, Platform.linux("amd64"))
                .environment(Map.of("A", "1")).labels(Map.of("org.opencontainers.image.title", "hello"))
                .exposedPorts(List.of("8080", "53/udp")).workingDirectory("/app").build();

        ImageResult first = new ImageBuilder(work.resolve("cache-1"), BuildListener.NONE)
                .build(plan, new TarTarget(work.resolve("1.tar"), "hello:1"));
        ImageResult second = new ImageBuilder(work.resolve("cache-2"), BuildListener.NONE)
                .build(plan, new TarTarget(work.resolve("2.tar"), "hello:1"));

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(second.imageId()).isEqualTo(first.imageId());
        assertThat(Files.readAllBytes(work.resolve("2.tar"))).isEqualTo(Files.readAllBytes(work.resolve("1.tar")));
    }

    @Test
    void changedExecutableWithSameSizeAndMtimeIsNotServedFromAStaleCache() throws Exception {
        Path before = ImageFixtures.printing("hello from AAAA");
        Path after = ImageFixtures.printing("hello from BBBB");
        assertThat(Files.size(after)).as("precondition: same size").isEqualTo(Files.size(before));
        Path hello = work.resolve("in/hello");
        ImageBuilder builder = new ImageBuilder(work.resolve("cache"), BuildListener.NONE);
        ImagePlan plan = ImagePlan.builder(hello, Platform.linux("amd64")).build();

        ImageFixtures.copyAs(before, hello);
        ImageResult first = builder.build(plan, new TarTarget(work.resolve("1.tar"), "hello:1"));
        ImageFixtures.copyAs(after, hello);
        ImageResult second = builder.build(plan, new TarTarget(work.resolve("2.tar"), "hello:1"));

        assertThat(second.digest()).isNotEqualTo(first.digest());
        Path rootfs = unpackImage("oci-archive:" + work.resolve("2.tar"), work);
        assertThat(chroot(rootfs, "/app/hello")).isEqualTo("hello from BBBB\n");
    }

    @Test
    void imageAddsAboutOneKilobyteToTheGzippedExecutable() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));
        Path tar = work.resolve("image.tar");
        ImageResult result = new ImageBuilder(work.resolve("cache"), BuildListener.NONE)
                .build(ImagePlan.builder(hello, Platform.linux("amd64")).build(), new TarTarget(tar, "hello:1"));

        OciArchive archive = OciArchive.read(tar);
        long image = archive.manifestBytes().length + archive.configBytes().length + result.totalCompressedSize();
        long gzipped = gzip6(Files.readAllBytes(hello));
        long overhead = image - gzipped;
        System.out.printf("image %d bytes (manifest %d, config %d, layers %d), gzip -6 executable %d, overhead %d%n",
                image, archive.manifestBytes().length, archive.configBytes().length, result.totalCompressedSize(),
                gzipped, overhead);
        // Against the JDK's own gzip -6 (the same zlib), so the difference is the framing alone:
        // manifest, config and the layer's tar header and end blocks. With Jib's layers this was
        // 1078 bytes (PAX time headers on every entry, a parent directory entry, empty config fields).
        assertThat(overhead).isLessThan(1024);
    }

    private static long gzip6(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(6);
            }
        }) {
            gzip.write(bytes);
        }
        return out.size();
    }

    @Test
    void extraLayersGoBelowTheExecutableLayerInOrderWithTheirModes() throws Exception {
        Path hello = ImageFixtures.hello(Toolchain.GCC_STATIC, work.resolve("in"));
        Path library = Files.writeString(work.resolve("in/libfake.so.1"), "not really a library");
        Path config = Files.writeString(work.resolve("in/app.conf"), "key=value");
        ImagePlan plan = ImagePlan.builder(hello, Platform.linux("amd64"))
                .addLayerBefore(new LayerSpec("libraries", List.of(new LayerFile(library, "/lib/libfake.so.1", "755"))))
                .addLayerBefore(new LayerSpec("config", List.of(new LayerFile(config, "/etc/app.conf", "644"))))
                .args(List.of("--port", "8080"))
                .build();
        Path tar = work.resolve("image.tar");
        ImageFixtures.RecordingListener listener = new ImageFixtures.RecordingListener();

        ImageResult result = new ImageBuilder(work.resolve("cache"), listener).build(plan, new TarTarget(tar, "hello:1"));

        assertThat(result.layers()).extracting(ImageLayer::name).containsExactly("libraries", "config", "executable");
        OciArchive archive = OciArchive.read(tar);
        assertThat(archive.layers()).extracting(layer -> layer.get("digest").asText())
                .containsExactlyElementsOf(result.layers().stream().map(ImageLayer::digest).toList());
        assertThat(archive.layerEntries(result.layers().get(0).digest()).get("lib/libfake.so.1").getMode() & 07777)
                .isEqualTo(0755);
        assertThat(archive.layerEntries(result.layers().get(1).digest()).get("etc/app.conf").getMode() & 07777)
                .isEqualTo(0644);
        assertThat(archive.config().get("config").get("Cmd").toString()).isEqualTo("[\"--port\",\"8080\"]");
        assertThat(listener.progress).isNotEmpty().last().isEqualTo(1.0);
    }
}
