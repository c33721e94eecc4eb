package io.github.scratchimage.image.content;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.testing.FuzzWork;
import io.github.scratchimage.testing.TestExecutables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jazzer on rootfs archives: any bytes give a layer, an {@link UnsafeArchiveException} or the
 * IOException that says the archive cannot be read; never an unchecked exception or an
 * OutOfMemoryError. A layer that comes out holds only normalised absolute paths, no setuid or
 * setgid bit and only contents extracted to the staging directory. Seeds are archives GNU tar
 * and Info-ZIP make now, in every format the plugin reads.
 */
public class RootfsArchiveFuzzTest {
    private static final Path WORK = work();
    private static final Path ARCHIVE = WORK.resolve("rootfs.archive");
    private static final Path STAGING = WORK.resolve("staging");
    private static final Set<String> RESERVED = Set.of("/app/hello");

    static Stream<Arguments> archives() throws IOException {
        Path tree = Files.createDirectories(WORK.resolve("seed-tree"));
        Files.createDirectories(tree.resolve("etc/app"));
        Files.createDirectories(tree.resolve("usr/bin"));
        Files.writeString(tree.resolve("etc/app/app.conf"), "port=8080\n");
        Files.writeString(tree.resolve("usr/bin/tool"), "#!tool\n");
        Files.createSymbolicLink(tree.resolve("etc/app/current.conf"), Path.of("app.conf"));
        Files.createLink(tree.resolve("usr/bin/tool-link"), tree.resolve("usr/bin/tool"));
        Stream.Builder<Arguments> seeds = Stream.builder();
        for (String flag : List.of("-cf", "-czf", "-cJf", "-cjf")) {
            seeds.add(seed(List.of("tar", "-C", tree.toString(), flag, "%s", "."), "tar gzip xz-utils bzip2"));
        }
        seeds.add(seed(List.of("tar", "--format=posix", "-C", tree.toString(), "-cf", "%s", "."), "tar"));
        seeds.add(seed(List.of("sh", "-c", "cd '" + tree + "' && zip -q -y -r %s ."), "zip"));
        return seeds.build();
    }

    @MethodSource("archives")
    @FuzzTest(maxDuration = "5s")
    void anyBytesGiveASafeLayerOrAnExplainedRefusal(byte[] bytes) throws IOException {
        Files.write(ARCHIVE, bytes);
        LayerSpec layer;
        try {
            layer = RootfsArchive.read(ARCHIVE, STAGING, RESERVED, false);
        } catch (UnsafeArchiveException e) {
            return;
        } catch (IOException e) {
            if (!e.getMessage().startsWith("cannot read rootfs archive " + ARCHIVE)) {
                throw new AssertionError("an IOException that is not the format error: " + e, e);
            }
            return;
        }
        for (LayerFile file : layer.files()) {
            String target = file.target();
            if (!target.startsWith("/") || target.contains("/../") || target.endsWith("/..") || target.contains("//")) {
                throw new AssertionError("unsafe target " + target);
            }
            if (RESERVED.contains(target)) {
                throw new AssertionError("replaces a reserved path: " + target);
            }
            if ((file.modeBits() & 06000) != 0) {
                throw new AssertionError("setuid/setgid without allowSetuid: " + target + " " + file.mode());
            }
            if (file.source() == null && !file.directory() && !file.symlink()) {
                throw new AssertionError(target + " is a file without content");
            }
            // a link to nothing in the archive carries no content: it is never read from the host
            if (file.source() != null && !file.source().toAbsolutePath().normalize().startsWith(STAGING)) {
                throw new AssertionError(target + " comes from outside the staging directory: " + file.source());
            }
        }
    }

    private static Arguments seed(List<String> command, String debianPackages) {
        try {
            Path archive = Files.createTempFile(WORK, "seed-", ".bin");
            Files.delete(archive);
            TestExecutables.run(command.stream().map(c -> c.replace("%s", archive.toString())).toList(),
                    "apt-get install " + debianPackages);
            return Arguments.of((Object) Files.readAllBytes(archive));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path work() {
        try {
            return FuzzWork.fresh("rootfs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
