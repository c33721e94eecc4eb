package io.github.scratchimage.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.paths.Sysroot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysrootTest {

    @Test
    void dotDotStopsAtTheRootAndAbsoluteTargetsStartAgainThere(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/file"), "x");
        Files.createSymbolicLink(dir.resolve("a/b/up"), Path.of("../../../../../a/file"));
        Files.createSymbolicLink(dir.resolve("a/b/abs"), Path.of("/a/file"));
        Sysroot sysroot = new Sysroot(dir);

        assertThat(sysroot.lookup("/a/b/up")).isEqualTo(new Sysroot.Lookup.Found("/a/b/up", "/a/file", dir.resolve("a/file")));
        assertThat(sysroot.lookup("/a/b/abs")).isEqualTo(new Sysroot.Lookup.Found("/a/b/abs", "/a/file", dir.resolve("a/file")));
        assertThat(sysroot.lookup("/../../a/./b/../file")).isInstanceOf(Sysroot.Lookup.Found.class);
    }

    @Test
    void loopsEndAsDataAndDirectoriesAreNotFiles(@TempDir Path dir) throws Exception {
        Files.createSymbolicLink(dir.resolve("self"), Path.of("self"));
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("f"), "x");
        Sysroot sysroot = new Sysroot(dir);

        assertThat(sysroot.lookup("/self")).isInstanceOf(Sysroot.Lookup.Loop.class);
        assertThat(sysroot.lookup("/self/x")).isInstanceOf(Sysroot.Lookup.Loop.class);
        assertThat(sysroot.lookup("/d")).isInstanceOf(Sysroot.Lookup.NotAFile.class);
        assertThat(sysroot.lookup("/missing/x")).isInstanceOf(Sysroot.Lookup.Missing.class);
        assertThat(sysroot.lookup("/f/x")).isInstanceOf(Sysroot.Lookup.Missing.class); // ENOTDIR
    }

    @Test
    void dynamicStringTokensExpandInBothSpellings() {
        Architecture amd64 = new Architecture("x86_64-linux-gnu", "x86_64", true);

        assertThat(DynamicStringTokens.expand("$ORIGIN/../${LIB}/$PLATFORM/${ORIGIN}x/$ORIGINAL/$FOO", "/o", amd64))
                .isEqualTo("/o/../lib/x86_64-linux-gnu/x86_64//ox/$ORIGINAL/$FOO");
    }
}
