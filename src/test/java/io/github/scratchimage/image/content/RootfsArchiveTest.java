package io.github.scratchimage.image.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.content.CraftedArchive.Format;
import io.github.scratchimage.image.essentials.EssentialImages;
import io.github.scratchimage.image.essentials.EssentialLayer;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

public class RootfsArchiveTest {
    private static final Set<String> RESERVED = Set.of("/app/probe", "/etc/ssl/certs/ca-certificates.crt");
    @TempDir
    Path work;

    private LayerSpec read(CraftedArchive archive, Format format, boolean allowSetuid) throws Exception {
        Path file = archive.write(work.resolve("in/rootfs." + format.name().toLowerCase()), format);
        return RootfsArchive.read(file, work.resolve("staging"), RESERVED, allowSetuid);
    }

    private void assertRefused(CraftedArchive archive, String entry, String problem) {
        assertThatThrownBy(() -> read(archive, Format.TAR, false))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("rootfs.tar").hasMessageContaining("entry " + entry).hasMessageContaining(problem)
                .satisfies(e -> assertThat(((UnsafeArchiveException) e).entry()).isEqualTo(entry));
    }

    private static Map<String, String> byTarget(LayerSpec layer) {
        return layer.files().stream().collect(Collectors.toMap(LayerFile::target,
                f -> f.mode() + (f.directory() ? " dir"
                        : f.symlink() ? " -> " + f.linkTarget() + " = " + read(f.source())
                        : " " + read(f.source())), (a, b) -> b, TreeMap::new));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFormatGivesTheSameFilesModesAndSymlinks(Format format) throws Exception {
        CraftedArchive archive = CraftedArchive.with(a -> a.directory("./etc", 0755)
                .file("./etc/app.conf", 0640, "key=value\n")
                .directory("./usr/bin", 0755)
                .file("./usr/bin/tool", 0755, "#!tool\n")
                .symlink("./etc/app-link.conf", "app.conf")
                .symlink("./usr/bin/alias", "/usr/bin/tool")
                .directory("./var/tmp", 01777));

        LayerSpec layer = read(archive, format, false);

        assertThat(layer.name()).isEqualTo("rootfs-rootfs." + format.name().toLowerCase());
        assertThat(byTarget(layer)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/etc", "755 dir", "/etc/app.conf", "640 key=value\n", "/usr/bin", "755 dir",
                "/usr/bin/tool", "755 #!tool\n", "/etc/app-link.conf", "777 -> app.conf = key=value\n",
                "/usr/bin/alias", "777 -> /usr/bin/tool = #!tool\n", "/var/tmp", "1777 dir"));
    }

    @Test
    void absolutePathsAreRefused() {
        assertRefused(CraftedArchive.with(a -> a.file("/etc/passwd", 0644, "x")), "/etc/passwd", "absolute path");
    }

    @Test
    void dotDotThatLeavesTheRootIsRefusedButStayingInsideIsNot() throws Exception {
        assertRefused(CraftedArchive.with(a -> a.file("a/../../evil", 0644, "x")), "a/../../evil", "leaves the archive's root");
        assertThat(byTarget(read(CraftedArchive.with(a -> a.file("a/../b", 0644, "x")), Format.TAR, false)))
                .containsOnlyKeys("/b");
    }

    @Test
    void anEntryWrittenThroughASymlinkIsRefusedWhateverTheOrder() {
        assertRefused(CraftedArchive.with(a -> a.directory("usr/lib", 0755).symlink("lib", "usr/lib")
                .file("lib/libc.so", 0644, "x")), "lib/libc.so", "written through /lib");
        assertRefused(CraftedArchive.with(a -> a.file("lib/libc.so", 0644, "x").symlink("lib", "/tmp/outside")),
                "lib/libc.so", "written through /lib");
    }

    @Test
    void symlinksToDirectoriesOrOutsideTheRootAreRefused() {
        assertRefused(CraftedArchive.with(a -> a.directory("usr/bin", 0755).symlink("bin", "usr/bin")),
                "bin", "symlink to the directory /usr/bin");
        assertRefused(CraftedArchive.with(a -> a.file("x", 0644, "x").symlink("a/escape", "../../x")),
                "a/escape", "climbs out of the image's root");
        assertRefused(CraftedArchive.with(a -> a.symlink("a", "b").symlink("b", "a")), "a", "longer than 40");
    }

    @Test
    void absoluteAndDanglingFileSymlinksAreKeptAsLinksWithoutContent() throws Exception {
        // as a plain tar of Debian's /usr/lib/python3.11 has them: the build host is never consulted
        LayerSpec layer = read(CraftedArchive.with(a -> a.file("usr/lib/python3.11/os.py", 0644, "os")
                .symlink("usr/lib/python3.11/sitecustomize.py", "/etc/python3.11/sitecustomize.py")
                .symlink("usr/lib/python3.11/config/libpython3.11.so", "../../x86_64-linux-gnu/libpython3.11.so.1")
                .symlink("usr/lib/python3.11/os-link.py", "/usr/lib/python3.11/os.py")), Format.TAR, false);

        Map<String, LayerFile> files = layer.files().stream().collect(Collectors.toMap(LayerFile::target, f -> f));
        LayerFile absolute = files.get("/usr/lib/python3.11/sitecustomize.py");
        assertThat(absolute.symlink()).isTrue();
        assertThat(absolute.linkTarget()).isEqualTo("/etc/python3.11/sitecustomize.py");
        assertThat(absolute.source()).isNull();
        assertThat(files.get("/usr/lib/python3.11/config/libpython3.11.so").linkTarget())
                .isEqualTo("../../x86_64-linux-gnu/libpython3.11.so.1");
        assertThat(files.get("/usr/lib/python3.11/config/libpython3.11.so").source()).isNull();
        // an absolute link to a file the archive has carries that file's content
        assertThat(read(files.get("/usr/lib/python3.11/os-link.py").source())).isEqualTo("os");
    }

    @Test
    void hardLinksBecomeCopiesWhenTheTargetIsInTheArchiveAndAreRefusedOtherwise() throws Exception {
        assertThat(byTarget(read(CraftedArchive.with(a -> a.file("usr/bin/a", 0755, "code").hardLink("usr/bin/b", "./usr/bin/a")),
                Format.TAR, false))).containsEntry("/usr/bin/b", "644 code");
        assertRefused(CraftedArchive.with(a -> a.hardLink("shadow", "etc/shadow")), "shadow", "hard link to etc/shadow");
        assertRefused(CraftedArchive.with(a -> a.hardLink("etc/shadow", "../../etc/shadow")), "etc/shadow",
                "hard link to ../../etc/shadow, which is not a file in the archive");
        assertRefused(CraftedArchive.with(a -> a.directory("etc", 0755).hardLink("etc-link", "etc")), "etc-link",
                "hard link to etc, which is not a file");
    }

    @Test
    void aHardLinkClimbingOutOfTheRootIsRefused() {
        assertRefused(CraftedArchive.with(a -> a.file("etc/x", 0644, "x").hardLink("etc/shadow", "../../etc/shadow")),
                "etc/shadow", "hard link to ../../etc/shadow");
    }

    @Test
    void zipEntriesThatEscapeAreRefusedAsInTar() {
        assertThatThrownBy(() -> read(CraftedArchive.with(a -> a.file("a/../../evil", 0644, "x")), Format.ZIP, false))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("leaves the archive's root");
        assertThatThrownBy(() -> read(CraftedArchive.with(a -> a.file("/etc/passwd", 0644, "x")), Format.ZIP, false))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> read(CraftedArchive.with(a -> a.file("x", 0644, "x").symlink("a/escape", "../../x")),
                Format.ZIP, false)).isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("climbs out");
        assertThatThrownBy(() -> read(CraftedArchive.with(a -> a.file("usr/bin/su", 04755, "x")), Format.ZIP, false))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("setuid bit");
    }

    @Test
    void devicesAndFifosAreRefused() {
        assertRefused(CraftedArchive.with(a -> a.special("dev/null", TarConstants.LF_CHR)), "dev/null", "device file or fifo");
        assertRefused(CraftedArchive.with(a -> a.special("dev/sda", TarConstants.LF_BLK)), "dev/sda", "device file or fifo");
        assertRefused(CraftedArchive.with(a -> a.special("run/pipe", TarConstants.LF_FIFO)), "run/pipe", "device file or fifo");
        assertThatThrownBy(() -> read(CraftedArchive.with(a -> a.special("run/pipe", TarConstants.LF_FIFO)), Format.ZIP, false))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("fifo");
    }

    @Test
    void setuidAndSetgidAreRefusedUnlessAllowed() throws Exception {
        assertRefused(CraftedArchive.with(a -> a.file("usr/bin/su", 04755, "x")), "usr/bin/su", "setuid bit (mode 4755)");
        assertRefused(CraftedArchive.with(a -> a.file("usr/bin/wall", 02755, "x")), "usr/bin/wall", "setgid bit");
        assertThat(byTarget(read(CraftedArchive.with(a -> a.file("usr/bin/su", 04755, "x")), Format.TAR, true)))
                .containsEntry("/usr/bin/su", "4755 x");
    }

    @Test
    void compressionHeadersThatAskForGigabytesAreRefusedBeforeAnythingIsAllocated() throws Exception {
        // Both were OutOfMemoryErrors: the decoders allocate the dictionary the header names.
        byte[] lzma = {0x5d, 0, 0, 0, 0x40, -1, -1, -1, -1, -1, -1, -1, -1}; // .lzma with a 1 GiB dictionary
        Path lzmaFile = Files.write(work.resolve("rootfs.tar.lzma"), lzma);
        assertThatThrownBy(() -> RootfsArchive.read(lzmaFile, work.resolve("staging"), RESERVED, false))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("rootfs.tar.lzma")
                .hasMessageContaining("compressed with lzma, which is not supported: use tar, tar.gz, tar.xz, tar.bz2 or zip");

        Path xzFile = Files.write(work.resolve("rootfs.tar.xz"), xzHeaderWithLzma2Dictionary(36)); // 1 GiB
        assertThatThrownBy(() -> RootfsArchive.read(xzFile, work.resolve("staging"), RESERVED, false))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("cannot read rootfs archive")
                .hasMessageContaining("limit");
    }

    /** An xz stream header and one block header with a CRC32 check, as xz(1) writes them. */
    private static byte[] xzHeaderWithLzma2Dictionary(int dictionaryByte) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0});
        byte[] flags = {0, 1};
        b.put(flags).putInt((int) crc32(flags));
        byte[] block = {2, 0, 0x21, 1, (byte) dictionaryByte, 0, 0, 0}; // size (2+1)*4, one filter: LZMA2
        b.put(block).putInt((int) crc32(block));
        b.put(new byte[16]);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static long crc32(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    @Test
    void reservedPathsCannotBeReplacedOrShadowed() throws Exception {
        assertRefused(CraftedArchive.with(a -> a.file("app/probe", 0755, "x")), "app/probe", "would replace /app/probe");
        assertRefused(CraftedArchive.with(a -> a.file("app", 0644, "x")), "app", "would turn a directory of /app/probe");
        // a layer with /app/probe/x would also carry an implied /app/probe/ directory over the executable
        assertRefused(CraftedArchive.with(a -> a.file("app/probe/x", 0644, "x")), "app/probe/x", "would write inside /app/probe");
        assertRefused(CraftedArchive.with(a -> a.file("etc/ssl/x", 0644, "-").symlink("etc/ssl/certs/ca-certificates.crt", "../x")),
                "etc/ssl/certs/ca-certificates.crt", "would replace");
        assertThat(byTarget(read(CraftedArchive.with(a -> a.directory("app", 0755).file("app/data", 0644, "d")),
                Format.TAR, false))).containsKeys("/app", "/app/data");
    }

    @Test
    void aRootfsMadeWithTarRoundTripsByteForByteThroughTheImage() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.createDirectories(tree.resolve("etc/app"));
        Files.createDirectories(tree.resolve("usr/share/data"));
        Files.writeString(tree.resolve("etc/app/app.conf"), "port=8080\n");
        byte[] binary = new byte[300_000];
        new java.util.Random(42).nextBytes(binary);
        Files.write(tree.resolve("usr/share/data/blob.bin"), binary);
        Files.copy(TestExecutables.hello(Toolchain.MUSL_STATIC), tree.resolve("usr/share/data/helper"));
        Files.createSymbolicLink(tree.resolve("etc/app/current.conf"), Path.of("app.conf"));
        Files.createLink(tree.resolve("usr/share/data/blob-hardlink.bin"), tree.resolve("usr/share/data/blob.bin"));
        Path archive = work.resolve("rootfs.tar.gz");
        TestExecutables.run(List.of("tar", "-C", tree.toString(), "-czf", archive.toString(), "."), "apt-get install tar");

        LayerSpec layer = RootfsArchive.read(archive, work.resolve("staging"), RESERVED, false);
        Path rootfs = new EssentialImages(work).rootfs(TestExecutables.hello(Toolchain.MUSL_STATIC),
                List.of(new EssentialLayer(layer, Map.of(), archive.toString())));

        for (String file : List.of("etc/app/app.conf", "usr/share/data/blob.bin", "usr/share/data/helper",
                "usr/share/data/blob-hardlink.bin")) {
            assertThat(Files.readAllBytes(rootfs.resolve(file))).as(file).isEqualTo(Files.readAllBytes(tree.resolve(file)));
            assertThat(Files.getPosixFilePermissions(rootfs.resolve(file))).as(file)
                    .isEqualTo(Files.getPosixFilePermissions(tree.resolve(file)));
        }
        assertThat(Files.readSymbolicLink(rootfs.resolve("etc/app/current.conf"))).isEqualTo(Path.of("app.conf"));
        assertThat(Files.readString(rootfs.resolve("etc/app/current.conf"))).isEqualTo("port=8080\n");
        assertThat(TestExecutables.run(List.of("chroot", rootfs.toString(), "/usr/share/data/helper"), "coreutils"))
                .isEqualTo("hello from scratch\n");
        try (Stream<Path> all = Files.walk(rootfs)) {
            assertThat(all.filter(p -> !Files.isDirectory(p)).count()).isEqualTo(6); // 5 from the archive + /app/probe
        }
    }
}
