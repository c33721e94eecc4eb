package io.github.scratchimage.image.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.content.ExtraDirectories.Permission;
import io.github.scratchimage.image.content.ExtraDirectories.Source;
import io.github.scratchimage.image.essentials.EssentialImages;
import io.github.scratchimage.image.essentials.EssentialLayer;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ExtraDirectoriesTest {
    private static final Set<String> RESERVED = Set.of("/app/probe");
    /** Prints the file named by argv[1]; exits 1 when it cannot be opened. */
    private static final String CAT = """
            #include <stdio.h>
            int main(int argc, char **argv) {
              FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;
              if (!f) { perror(argc > 1 ? argv[1] : "usage: cat FILE"); return 1; }
              int c; while ((c = getc(f)) != EOF) putchar(c);
              return 0;
            }
            """;
    @TempDir
    Path work;

    private Path tree(String name, Map<String, String> files) throws IOException {
        Path root = Files.createDirectories(work.resolve(name));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return root;
    }

    private static Map<String, String> byTarget(LayerSpec layer) {
        return layer.files().stream().collect(Collectors.toMap(LayerFile::target,
                f -> f.mode() + (f.directory() ? " dir" : " " + read(f.source())), (a, b) -> b, TreeMap::new));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LayerSpec layer(List<Source> sources, List<Permission> permissions) throws Exception {
        return ExtraDirectories.layer(sources, permissions, RESERVED, false).orElseThrow();
    }

    @Test
    void filesGet644DirectoriesGet755AndIntoPlacesTheTree() throws Exception {
        Path dir = tree("scratch", Map.of("etc/app/app.conf", "port=8080\n", "README", "r"));
        Files.createDirectories(dir.resolve("var/empty"));
        dir.resolve("etc/app/app.conf").toFile().setExecutable(true); // source modes do not count, as in Jib

        LayerSpec layer = layer(List.of(Source.of(dir), new Source(dir, "/opt/copy/", List.of(), List.of())), List.of());

        assertThat(layer.name()).isEqualTo("extra-directories");
        assertThat(byTarget(layer)).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("/README", "644 r"), Map.entry("/etc", "755 dir"), Map.entry("/etc/app", "755 dir"),
                Map.entry("/etc/app/app.conf", "644 port=8080\n"), Map.entry("/var", "755 dir"),
                Map.entry("/var/empty", "755 dir"), Map.entry("/opt", "755 dir"), Map.entry("/opt/copy", "755 dir"),
                Map.entry("/opt/copy/README", "644 r"), Map.entry("/opt/copy/etc", "755 dir"),
                Map.entry("/opt/copy/etc/app", "755 dir"), Map.entry("/opt/copy/etc/app/app.conf", "644 port=8080\n"),
                Map.entry("/opt/copy/var", "755 dir"), Map.entry("/opt/copy/var/empty", "755 dir"))));
    }

    @Test
    void includesAndExcludesAreJavaGlobsRelativeToFromAsInJib() throws Exception {
        Path dir = tree("conf", Map.of("top.conf", "t", "sub/app.conf", "a", "sub/notes.txt", "n",
                "secret/key.conf", "k"));

        LayerSpec layer = layer(List.of(new Source(dir, "/opt", List.of("**/*.conf"), List.of("secret/**"))), List.of());

        // **/*.conf needs a directory in Java's glob, so top.conf is left out, as Jib leaves it out
        assertThat(byTarget(layer)).containsOnlyKeys("/opt", "/opt/sub", "/opt/sub/app.conf");
        assertThat(byTarget(layer(List.of(new Source(dir, "/opt", List.of("*.conf", "**/*.conf"), List.of())), List.of())))
                .containsKeys("/opt/top.conf", "/opt/secret/key.conf").doesNotContainKey("/opt/sub/notes.txt");
    }

    @Test
    void permissionsMatchImagePathsExactlyFirstThenTheFirstGlob() throws Exception {
        Path dir = tree("bin", Map.of("run.sh", "#!/bin/sh\n", "tool", "x", "data.txt", "d"));

        LayerSpec layer = layer(List.of(new Source(dir, "/opt/bin", List.of(), List.of())), List.of(
                new Permission("/opt/bin/*", "755"), new Permission("/opt/bin/data.txt", "600"),
                new Permission("/opt/**", "700"), new Permission("/opt", "711")));

        assertThat(byTarget(layer)).containsEntry("/opt/bin/run.sh", "755 #!/bin/sh\n").containsEntry("/opt/bin/tool", "755 x")
                .containsEntry("/opt/bin/data.txt", "600 d").containsEntry("/opt/bin", "700 dir")
                .containsEntry("/opt", "711 dir");
    }

    @Test
    void setuidAndSetgidModesAreRefusedUnlessAllowedAndStickyIsFine() throws Exception {
        Path dir = tree("su", Map.of("helper", "x"));
        List<Source> sources = List.of(Source.of(dir));

        assertThatThrownBy(() -> ExtraDirectories.layer(sources, List.of(new Permission("/helper", "4755")), RESERVED, false))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("/helper with mode 4755")
                .hasMessageContaining("setuid or setgid").hasMessageContaining("<allowSetuid>true</allowSetuid>");
        assertThatThrownBy(() -> ExtraDirectories.layer(sources, List.of(new Permission("/*", "2755")), RESERVED, false))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("setgid");
        assertThat(byTarget(ExtraDirectories.layer(sources, List.of(new Permission("/helper", "4755")), RESERVED, true)
                .orElseThrow())).containsEntry("/helper", "4755 x");
        assertThat(byTarget(layer(sources, List.of(new Permission("/helper", "1777"))))).containsEntry("/helper", "1777 x");
    }

    @Test
    void malformedPermissionsAreRefused() throws Exception {
        List<Source> sources = List.of(Source.of(tree("p", Map.of("a", "a"))));
        assertThatThrownBy(() -> layer(sources, List.of(new Permission("opt/run.sh", "755"))))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("opt/run.sh").hasMessageContaining("absolute");
        assertThatThrownBy(() -> layer(sources, List.of(new Permission("/a", "rwx"))))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("'rwx'").hasMessageContaining("octal");
    }

    @Test
    void aMissingDirectoryOrARelativeIntoIsRefusedWithItsName() throws Exception {
        Path file = Files.writeString(work.resolve("plain-file"), "x");
        Path dir = tree("d", Map.of("a", "a"));

        assertThatThrownBy(() -> layer(List.of(Source.of(work.resolve("src/main/nothing"))), List.of()))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("src/main/nothing does not exist");
        assertThatThrownBy(() -> layer(List.of(Source.of(file)), List.of()))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("plain-file is not a directory");
        assertThatThrownBy(() -> layer(List.of(new Source(dir, "opt/app", List.of(), List.of())), List.of()))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("<into>opt/app</into> is not an absolute path");
        assertThatThrownBy(() -> layer(List.of(new Source(dir, "/opt/../etc", List.of(), List.of())), List.of()))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("contains ..");
    }

    @Test
    void nothingMayReplaceTheExecutableOrTurnItsDirectoryIntoAFile() throws Exception {
        Path replaces = tree("r", Map.of("app/probe", "not the program"));
        Path shadows = tree("s", Map.of("app", "a file where /app must be a directory"));
        Path beside = tree("b", Map.of("app/config.yaml", "ok"));

        assertThatThrownBy(() -> layer(List.of(Source.of(replaces)), List.of()))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("r/app/probe")
                .hasMessageContaining("would replace /app/probe, which the plugin puts in the image");
        assertThatThrownBy(() -> layer(List.of(new Source(tree("r2", Map.of("probe", "x")), "/app", List.of(), List.of())),
                List.of())).isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("would replace /app/probe");
        assertThatThrownBy(() -> layer(List.of(Source.of(shadows)), List.of()))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("would turn a directory of /app/probe");
        assertThat(byTarget(layer(List.of(Source.of(beside)), List.of()))).containsKeys("/app", "/app/config.yaml");
    }

    @Test
    void symlinksToFilesAreFollowedWhereverTheyPointAndOthersAreRefused() throws Exception {
        Path dir = tree("links", Map.of("etc/app.conf", "inside\n"));
        Path outside = Files.writeString(work.resolve("generated.conf"), "generated\n");
        Files.createSymbolicLink(dir.resolve("etc/current.conf"), Path.of("app.conf"));
        Files.createSymbolicLink(dir.resolve("etc/generated.conf"), outside);

        Map<String, String> files = byTarget(layer(List.of(Source.of(dir)), List.of()));
        assertThat(files).containsEntry("/etc/current.conf", "644 inside\n").containsEntry("/etc/generated.conf", "644 generated\n");

        Path toDirectory = tree("dirlink", Map.of("real/a", "a"));
        Files.createSymbolicLink(toDirectory.resolve("alias"), Path.of("real"));
        assertThatThrownBy(() -> layer(List.of(Source.of(toDirectory)), List.of()))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("alias is a symlink to the directory real");
        Path dangling = tree("dangling", Map.of());
        Files.createSymbolicLink(dangling.resolve("gone.conf"), Path.of("nowhere.conf"));
        assertThatThrownBy(() -> layer(List.of(Source.of(dangling)), List.of()))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("gone.conf is a symlink to nowhere.conf, which does not exist");
        // an excluded link is not looked at
        assertThat(ExtraDirectories.layer(List.of(new Source(dangling, "/", List.of(), List.of("*.conf"))), List.of(),
                RESERVED, false)).isEmpty();
    }

    @Test
    void fifosAreRefused() throws Exception {
        Path dir = tree("fifo", Map.of());
        TestExecutables.run(List.of("mkfifo", dir.resolve("pipe").toString()), "coreutils");
        assertThatThrownBy(() -> layer(List.of(Source.of(dir)), List.of()))
                .isInstanceOf(ExtraDirectoryException.class).hasMessageContaining("pipe is not a regular file");
    }

    @Test
    void aLaterPathWinsButAFileAndADirectoryAtOnePathAreRefused() throws Exception {
        Path first = tree("first", Map.of("etc/app.conf", "first", "etc/only-first", "1"));
        Path second = tree("second", Map.of("etc/app.conf", "second"));
        Path clash = tree("clash", Map.of("etc/app.conf/inner", "x"));

        assertThat(byTarget(layer(List.of(Source.of(first), Source.of(second)), List.of())))
                .containsEntry("/etc/app.conf", "644 second").containsEntry("/etc/only-first", "644 1");
        assertThatThrownBy(() -> layer(List.of(Source.of(first), Source.of(clash)), List.of()))
                .isInstanceOf(ExtraDirectoryException.class)
                .hasMessageContaining("/etc/app.conf is a file in " + first + "/etc/app.conf and a directory in " + clash);
    }

    @Test
    void anEmptyDirectoryGivesNoLayer() throws Exception {
        assertThat(ExtraDirectories.layer(List.of(Source.of(tree("empty", Map.of()))), List.of(), RESERVED, false)).isEmpty();
    }

    @Test
    void theImageHoldsTheFilesOwnedByRootWithTheirModesAndTheProgramReadsThem() throws Exception {
        Path dir = tree("scratch", Map.of("etc/app/app.conf", "greeting=hello from an extra directory\n"));
        Path bin = tree("bin", Map.of("run.sh", "#!/bin/sh\n"));
        LayerSpec layer = layer(List.of(Source.of(dir), new Source(bin, "/opt/bin", List.of(), List.of())),
                List.of(new Permission("/opt/bin/*", "755")));
        Path probe = TestExecutables.compile(Toolchain.MUSL_STATIC, CAT, List.of("-O2"));
        EssentialImages images = new EssentialImages(work.resolve("images"));

        Path with = images.rootfs(probe, List.of(new EssentialLayer(layer, Map.of(), "test")));
        Path without = images.rootfs(probe, List.of());

        assertThat(EssentialImages.run(with, "65532:65532", Map.of(), "/etc/app/app.conf"))
                .isEqualTo("greeting=hello from an extra directory\n");
        assertThatThrownBy(() -> EssentialImages.run(without, "65532:65532", Map.of(), "/etc/app/app.conf"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("No such file or directory");
        String stat = TestExecutables.run(List.of("stat", "-c", "%n %a %u:%g", with.resolve("etc/app/app.conf").toString(),
                with.resolve("etc/app").toString(), with.resolve("opt/bin/run.sh").toString()), "coreutils");
        assertThat(stat.replace(with.toString(), "")).isEqualTo("""
                /etc/app/app.conf 644 0:0
                /etc/app 755 0:0
                /opt/bin/run.sh 755 0:0
                """);
    }
}
