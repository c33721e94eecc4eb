package io.github.scratchimage.libraries;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.testing.FuzzWork;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jazzer on the resolver's inputs from the sysroot: a real dynamic executable resolved in a
 * sysroot whose interpreter and libc are the fuzzed bytes (so their DT_NEEDED, run paths,
 * {@code $ORIGIN}, sonames and version tables are the fuzzer's), or whose {@code ld.so.conf} is.
 * The sysroot also holds a symlink loop, a link to a directory and a link climbing out of the
 * root. The promise: a {@link LibraryTree} with unresolved and skipped entries, never another
 * exception, and never a file from outside the sysroot.
 */
class LibraryResolverFuzzTest {
    private static final Path PROGRAM = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
    private static final Path ROOT = sysroot();
    private static final Path LIBC = ROOT.resolve("lib/x86_64-linux-gnu/libc.so.6");
    private static final Path INTERPRETER = ROOT.resolve("lib64/ld-linux-x86-64.so.2");
    private static final Path LD_SO_CONF = ROOT.resolve("etc/ld.so.conf");
    private static final String REAL_LD_SO_CONF = "include /etc/ld.so.conf.d/*.conf\n/opt/lib\n";
    private static final ResolveRequest REQUEST = new ResolveRequest(PROGRAM, "/app/hello", ROOT,
            List.of("/opt/fuzz:/lib/x86_64-linux-gnu"),
            List.of("libloop.so.1", "libdir.so.1", "libescape.so.1", "libhost.so.1", "libtext.so.1",
                    "/lib/x86_64-linux-gnu/libc.so.6"));

    @MethodSource("io.github.scratchimage.testing.FuzzSeeds#executables")
    @FuzzTest(maxDuration = "5s")
    void fuzzedLibrariesGiveATreeWithUnresolvedAndSkippedEntries(byte[] bytes) throws IOException {
        Files.write(LIBC, bytes);
        Files.write(INTERPRETER, bytes);
        Files.writeString(LD_SO_CONF, REAL_LD_SO_CONF);
        check(resolve());
    }

    static Stream<Arguments> ldSoConfs() {
        return Stream.of(REAL_LD_SO_CONF, "# comment\n/usr/local/lib:/opt/lib,/lib64\n",
                "include ld.so.conf.d/*.conf\ninclude /etc/ld.so.conf\nhwcap 0 x\n/opt/lib=libc5\n")
                .map(text -> Arguments.of((Object) text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @MethodSource("ldSoConfs")
    @FuzzTest(maxDuration = "5s")
    void fuzzedLdSoConfGivesATree(byte[] bytes) throws IOException {
        Files.copy(seedLibrary(), LIBC, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(seedLibrary(), INTERPRETER, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(LD_SO_CONF, bytes);
        check(resolve());
    }

    private static LibraryTree resolve() throws IOException {
        try {
            return LibraryResolver.resolve(REQUEST);
        } catch (ElfFormatException e) {
            throw new AssertionError("the executable is a real one; only it may give ElfFormatException", e);
        }
    }

    private static void check(LibraryTree tree) throws IOException {
        for (BundledFile file : tree.files()) {
            if (!file.imagePath().startsWith("/") || !file.imagePath().equals(ImagePaths.normalize(file.imagePath()))) {
                throw new AssertionError("image path not absolute and normal: " + file.imagePath());
            }
            if (!file.source().toRealPath().startsWith(ROOT.toRealPath())) {
                throw new AssertionError(file.imagePath() + " was taken from outside the sysroot: " + file.source());
            }
        }
    }

    private static Path seedLibrary() {
        return TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, TestExecutables.HELLO,
                List.of("-s", "-shared", "-fPIC", "-Wl,-soname,libc.so.6"));
    }

    private static Path sysroot() {
        try {
            Path root = FuzzWork.fresh("resolver-sysroot");
            for (String dir : List.of("lib/x86_64-linux-gnu", "lib64", "usr/lib/x86_64-linux-gnu", "etc/ld.so.conf.d",
                    "opt/lib", "opt/fuzz")) {
                Files.createDirectories(root.resolve(dir));
            }
            Files.writeString(root.resolve("etc/ld.so.conf.d/x86_64-linux-gnu.conf"), "/usr/lib/x86_64-linux-gnu\n");
            Path lib = root.resolve("lib/x86_64-linux-gnu");
            Files.createSymbolicLink(lib.resolve("libloop.so.1"), Path.of("libloop.so.1"));
            Files.createSymbolicLink(lib.resolve("libdir.so.1"), Path.of("/"));
            Files.createSymbolicLink(lib.resolve("libescape.so.1"), Path.of("../../../../../../../../etc/passwd"));
            Files.createSymbolicLink(root.resolve("opt/lib/libhost.so.1"), Path.of("/lib/x86_64-linux-gnu/libc.so.6"));
            Files.writeString(root.resolve("usr/lib/x86_64-linux-gnu/libtext.so.1"), "INPUT(-lc)\n");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
