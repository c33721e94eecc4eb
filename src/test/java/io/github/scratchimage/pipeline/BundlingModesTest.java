package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.builder.ImageBuilder;
import io.github.scratchimage.image.content.LibraryLayer;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.testing.OciArchive;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setuid and setgid bits of sysroot files never reach the image: a sysroot is often a copied
 * rootfs or a mounted image where a library may carry them, and a setuid file in an image is a
 * privilege-escalation path for whoever runs in the container.
 */
public class BundlingModesTest {
    @TempDir
    Path work;

    @Test
    void setuidAndSetgidLibrariesInTheSysrootLandAs755() throws Exception {
        Path sysroot = work.resolve("sysroot");
        Path interpreter = copy(Path.of("/lib64/ld-linux-x86-64.so.2"), sysroot, 06755);
        Path libc = copy(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), sysroot, 04755);
        assertThat(mode(interpreter)).isEqualTo(06755); // the test's premise: the sources do carry the bits
        assertThat(mode(libc)).isEqualTo(04755);
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);

        LibraryTree tree = Bundling.resolve(hello, ElfReader.read(hello), "/app/hello", sysroot, List.of(), List.of());
        LayerSpec layer = LibraryLayer.of(tree, work.resolve("staging"));
        assertThat(layer.files()).extracting(LayerFile::target)
                .contains("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(layer.files()).extracting(LayerFile::mode).containsOnly("755");

        Path tar = work.resolve("image.tar");
        ImageResult result = new ImageBuilder(work.resolve("cache"), BuildListener.NONE)
                .build(ImagePlan.builder(hello, Platform.linux("amd64")).addLayerBefore(layer).build(),
                        new TarTarget(tar, "bundled:1"));
        OciArchive archive = OciArchive.read(tar);
        Map<String, TarArchiveEntry> entries = archive.layerEntries(result.layers().get(0).digest());
        for (String path : List.of("lib64/ld-linux-x86-64.so.2", "lib/x86_64-linux-gnu/libc.so.6")) {
            assertThat(entries.get(path)).as(path).isNotNull();
            assertThat(entries.get(path).getMode() & 07777).as(path).isEqualTo(0755);
        }
    }

    private static Path copy(Path hostFile, Path sysroot, int mode) throws Exception {
        Path target = sysroot.resolve(hostFile.toString().substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(hostFile.toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        Files.setAttribute(target, "unix:mode", mode);
        return target;
    }

    private static int mode(Path file) throws Exception {
        return (Integer) Files.getAttribute(file, "unix:mode") & 07777;
    }
}
