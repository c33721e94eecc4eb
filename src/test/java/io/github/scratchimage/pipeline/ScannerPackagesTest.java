package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.testing.ContainerTools;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dpkg-status} layer that lets image scanners see the Debian packages a bundled image
 * carries files of, read back from the image as umoci unpacks it and compared with dpkg-query on
 * this machine, whose root is the sysroot.
 */
class ScannerPackagesTest {
    private static final Instant CREATED = Instant.parse("2026-02-03T04:05:06Z");

    @TempDir
    Path work;

    private final List<String> log = new ArrayList<>();
    private final BuildListener listener = (level, message) -> log.add(level + " " + message);

    @Test
    void aBundledImageCarriesTheStatusOfExactlyThePackagesItHoldsFilesOf() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);

        ImageResult result = new Pipeline(listener).image(request(hello, LinkagePolicy.BUNDLE));
        Path rootfs = unpack(result);

        Path statusD = rootfs.resolve("var/lib/dpkg/status.d");
        List<String> names;
        try (Stream<Path> files = Files.list(statusD)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        // hello needs only libc.so.6 and the loader: both are libc6's
        assertThat(names).containsExactly("libc6", "libc6.md5sums");
        String stanza = Files.readString(statusD.resolve("libc6"));
        assertThat(stanza).startsWith("Package: libc6\n").doesNotContain("Status:");
        assertThat(version(stanza)).isEqualTo(dpkgQueryVersion("libc6"));
        // md5sums list the image's files, with the image's spelling of their paths, and no other file of libc6
        List<String> sums = Files.readAllLines(statusD.resolve("libc6.md5sums"));
        assertThat(sums).extracting(line -> line.substring(34))
                .containsExactlyInAnyOrder("lib/x86_64-linux-gnu/libc.so.6", "lib64/ld-linux-x86-64.so.2");
        String libcSum = TestExecutables.run(List.of("md5sum", rootfs.resolve("lib/x86_64-linux-gnu/libc.so.6")
                .toString()), "coreutils provides md5sum").substring(0, 32);
        assertThat(sums).anyMatch(line -> line.startsWith(libcSum + "  "));
        assertThat(Files.readString(rootfs.resolve("etc/os-release"))).isEqualTo(Files.readString(Path.of("/etc/os-release")));
        assertThat(Files.readString(rootfs.resolve("etc/debian_version")))
                .isEqualTo(Files.readString(Path.of("/etc/debian_version")));
        assertThat(log).contains("LIFECYCLE Adding dpkg-status for image scanners: libc6 " + dpkgQueryVersion("libc6"));
    }

    @Test
    void aStaticImageWithNoDebianFilesHasNoDpkgDirectory() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);

        Path rootfs = unpack(new Pipeline(listener).image(request(hello, LinkagePolicy.STATIC)));

        assertThat(rootfs.resolve("app").resolve(hello.getFileName().toString())).isRegularFile();
        assertThat(rootfs.resolve("var/lib/dpkg")).doesNotExist();
        assertThat(rootfs.resolve("etc/os-release")).doesNotExist();
    }

    private static String version(String stanza) {
        return stanza.lines().filter(l -> l.startsWith("Version: ")).findFirst().orElseThrow()
                .substring("Version: ".length());
    }

    private static String dpkgQueryVersion(String pkg) {
        return TestExecutables.run(List.of("dpkg-query", "-W", "-f=${Version}", pkg), "dpkg is part of every Debian system");
    }

    private Path unpack(ImageResult result) throws Exception {
        return ContainerTools.unpackImage("oci-archive:" + work.resolve("image.tar"),
                Files.createDirectories(work.resolve("unpacked")));
    }

    private ImageRequest request(Path executable, LinkagePolicy linkage) throws Exception {
        CheckRequest check = new CheckRequest(
                new ExecutableLocator.Search(Optional.of(executable), Optional.empty(), work, "app", "app-1"),
                linkage, Path.of("/"), List.of(), List.of(),
                Essentials.settings("false", List.of(), "false", "false", "false"), false, "/app");
        ContainerSettings container = new ContainerSettings(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                "65532:65532", List.of(), Map.of(), ImageFormat.OCI, CREATED, CREATED, Optional.empty());
        return new ImageRequest(check, container, new ContentSources(List.of(), List.of(), List.of(), false),
                new TarTarget(work.resolve("image.tar"), "app:1"), work.resolve("cache"), LayerCompression.gzip(1),
                BlobStoreCap.DEFAULT_CAP_BYTES, work.resolve("target/scratch-generated"), OutputFiles.in(work.resolve("target")), ImageRequest.Sbom.OFF);
    }
}
