package io.github.scratchimage.image.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links resolved over the stacked layers, as the container's kernel resolves them. */
class ImageSymlinksTest {
    @TempDir
    Path work;

    @Test
    void aLinkIsDanglingOnlyWhenNoLayerHoldsWhatItPointsAt() throws Exception {
        Path file = Files.writeString(work.resolve("f"), "x");
        LayerSpec archive = new LayerSpec("rootfs-python.tar", List.of(
                LayerFile.unresolvedSymlink("/usr/lib/python3.11/sitecustomize.py", "/etc/python3.11/sitecustomize.py"),
                LayerFile.unresolvedSymlink("/usr/lib/python3.11/config/libpython3.11.so",
                        "../../x86_64-linux-gnu/libpython3.11.so.1"),
                LayerFile.unresolvedSymlink("/usr/bin/python3", "python3.11"),
                LayerFile.unresolvedSymlink("/loop-a", "loop-b"),
                LayerFile.unresolvedSymlink("/loop-b", "loop-a")));
        LayerSpec upper = new LayerSpec("extra-directories", List.of(
                new LayerFile(file, "/etc/python3.11/sitecustomize.py", "644"),
                new LayerFile(file, "/usr/bin/python3.11", "755")));

        assertThat(ImageSymlinks.dangling(List.of(archive, upper))).extracting(ImageSymlinks.Dangling::toString)
                .containsExactly("/loop-a -> loop-b (rootfs-python.tar)", "/loop-b -> loop-a (rootfs-python.tar)",
                        "/usr/lib/python3.11/config/libpython3.11.so -> ../../x86_64-linux-gnu/libpython3.11.so.1"
                                + " (rootfs-python.tar)");
    }

    @Test
    void aLinkToADirectoryThatALayerAboveWritesThroughIsRefused() throws Exception {
        Path file = Files.writeString(work.resolve("f"), "x");
        LayerSpec archive = new LayerSpec("rootfs-app.tar", List.of(LayerFile.directory("/opt/real", "755"),
                new LayerFile(file, "/opt/real/a", "644"), LayerFile.unresolvedSymlink("/opt/link", "/opt/real")));
        LayerSpec upper = new LayerSpec("extra-directories", List.of(new LayerFile(file, "/opt/link/b", "644")));

        assertThat(ImageSymlinks.dangling(List.of(archive))).isEmpty(); // nothing writes through it
        assertThatThrownBy(() -> ImageSymlinks.dangling(List.of(archive, upper)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("rootfs-app.tar: /opt/link is a symlink to the directory /opt/real, and a layer above it"
                        + " writes files under /opt/link, which would go through the link into another path. Fix: put"
                        + " the directory itself at /opt/link, or drop the link");
    }
}
