package io.github.scratchimage.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real programs, resolved and compared with lddtree and ldd on the same files. */
class LibraryResolverTest {
    private static final Path ROOT = Path.of("/");
    private static final Path AARCH64_SYSROOT = Path.of("/usr/aarch64-linux-gnu");

    private static LibraryTree resolve(Path executable) throws Exception {
        return LibraryResolver.resolve(ResolveRequest.of(executable));
    }

    private static Set<Path> sources(LibraryTree tree) {
        Set<Path> result = new TreeSet<>();
        tree.files().forEach(f -> result.add(f.source()));
        return result;
    }

    private static Set<Path> sourcesExcept(LibraryTree tree, Reason reason) {
        Set<Path> result = new TreeSet<>();
        tree.files().stream().filter(f -> f.reason() != reason).forEach(f -> result.add(f.source()));
        return result;
    }

    @Test
    void dynamicGlibcHelloGetsTheInterpreterAtItsPtInterpPathAndLibcAsLddtreeAndLddFindThem() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);

        LibraryTree tree = resolve(hello);

        assertThat(tree.imagePaths()).containsExactlyElementsOf(Lddtree.paths(hello, ROOT));
        assertThat(tree.imagePaths()).containsExactly("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(sources(tree)).isEqualTo(Lddtree.lddRealFiles(hello));
        assertThat(tree.files().get(0).reason()).isEqualTo(Reason.INTERPRETER);
        assertThat(tree.files().get(0).neededBy()).contains(new Need("/lib/x86_64-linux-gnu/libc.so.6", Reason.NEEDED));
        assertThat(tree.complete()).isTrue();
        assertThat(tree.generatedFiles()).isEmpty();
        assertThat(tree.libraryPathInImage()).isEmpty();
    }

    @Test
    void symlinkedLibrariesLandUnderTheNameTheLoaderOpensWithTheRealFileAsSource() throws Exception {
        LibraryTree tree = resolve(TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE));

        for (BundledFile file : tree.files()) {
            assertThat(Files.isSymbolicLink(file.source())).isFalse();
            assertThat(file.source()).isEqualTo(file.source().toRealPath());
            assertThat(file.size()).isEqualTo(Files.size(file.source()));
        }
        // /lib64/ld-linux-x86-64.so.2 is an absolute symlink, /lib is one to usr/lib on merged-/usr Debian
        assertThat(Files.isSymbolicLink(Path.of("/lib64/ld-linux-x86-64.so.2"))).isTrue();
        assertThat(tree.file("/lib64/ld-linux-x86-64.so.2").orElseThrow().source())
                .isEqualTo(Path.of("/lib64/ld-linux-x86-64.so.2").toRealPath());
    }

    @Test
    void dynamicMuslHelloNeedsOnlyTheLoaderWhichIsLibcItself() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.MUSL_DYNAMIC);

        LibraryTree tree = resolve(hello);

        assertThat(tree.imagePaths()).containsExactly("/lib/ld-musl-x86_64.so.1");
        assertThat(tree.files().get(0).neededBy()).containsExactly(
                new Need("/app/" + hello.getFileName(), Reason.INTERPRETER),
                new Need("/app/" + hello.getFileName(), Reason.NEEDED));
        // lddtree lists libc.so a second time under /lib/x86_64-linux-musl; it is the same file
        assertThat(Lddtree.paths(hello, ROOT)).containsExactly("/lib/ld-musl-x86_64.so.1", "/lib/x86_64-linux-musl/libc.so");
        assertThat(sources(tree)).isEqualTo(Lddtree.realFiles(hello, ROOT));
        assertThat(tree.generatedFiles()).isEmpty();
        assertThat(tree.complete()).isTrue();
    }

    @Test
    void cppProgramGetsLibstdcxxAndItsClosureAsLddtreeFindsIt(@TempDir Path dir) throws Exception {
        Path program = NativeBuild.compile("g++", dir.resolve("cpp"), """
                #include <iostream>
                #include <string>
                int main() { std::string s = "hello"; std::cout << s << std::endl; return 0; }
                """);

        LibraryTree tree = resolve(program);

        assertThat(tree.imagePaths()).contains("/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libm.so.6",
                "/lib/x86_64-linux-gnu/libgcc_s.so.1");
        assertThat(sources(tree)).isEqualTo(Lddtree.realFiles(program, ROOT)).isEqualTo(Lddtree.lddRealFiles(program));
        assertThat(tree.file("/lib/x86_64-linux-gnu/libstdc++.so.6").orElseThrow().source().getFileName().toString())
                .startsWith("libstdc++.so.6.0."); // a symlink in the sysroot, a file in the image
        assertThat(tree.complete()).isTrue();
    }

    @Test
    void projectLibraryFoundThroughOriginRunpathLandsNextToTheProgramInTheImage(@TempDir Path dir) throws Exception {
        Path lib = dir.resolve("lib");
        NativeBuild.sharedLibrary(lib, "greet");
        Path program = NativeBuild.programUsing(dir.resolve("bin/app"), lib, "greet", "-Wl,-rpath,$ORIGIN/../lib");

        LibraryTree tree = LibraryResolver.resolve(
                new ResolveRequest(program, "/opt/demo/bin/app", ROOT, List.of(), List.of()));

        BundledFile greet = tree.file("/opt/demo/lib/libgreet.so").orElseThrow();
        assertThat(greet.source()).isEqualTo(lib.resolve("libgreet.so").toRealPath());
        assertThat(greet.foundVia()).isEqualTo(FoundVia.RUNPATH); // Debian's ld writes DT_RUNPATH
        assertThat(greet.neededBy()).containsExactly(new Need("/opt/demo/bin/app", Reason.NEEDED));
        assertThat(sources(tree)).isEqualTo(Lddtree.realFiles(program, ROOT)).isEqualTo(Lddtree.lddRealFiles(program));
        assertThat(tree.libraryPathInImage()).isEmpty();
    }

    @Test
    void oldStyleRpathOfTheProgramIsInheritedByItsLibraries(@TempDir Path dir) throws Exception {
        Path lib = dir.resolve("lib");
        NativeBuild.sharedLibrary(lib, "leaf");
        // libmiddle needs libleaf but has no run path of its own: only the program's DT_RPATH finds libleaf
        NativeBuild.compile("gcc", lib.resolve("libmiddle.so"),
                "const char *leaf(void);\nconst char *middle(void) { return leaf(); }\n",
                "-shared", "-fPIC", "-Wl,-soname,libmiddle.so", "-L" + lib, "-lleaf");
        Path program = NativeBuild.programUsing(dir.resolve("bin/app"), lib, "middle",
                "-Wl,--disable-new-dtags,-rpath,$ORIGIN/../lib");

        LibraryTree tree = LibraryResolver.resolve(
                new ResolveRequest(program, "/opt/demo/bin/app", ROOT, List.of(), List.of()));

        assertThat(tree.file("/opt/demo/lib/libleaf.so").orElseThrow().foundVia()).isEqualTo(FoundVia.RPATH);
        assertThat(tree.file("/opt/demo/lib/libleaf.so").orElseThrow().neededBy())
                .containsExactly(new Need("/opt/demo/lib/libmiddle.so", Reason.NEEDED));
        assertThat(sources(tree)).isEqualTo(Lddtree.realFiles(program, ROOT)).isEqualTo(Lddtree.lddRealFiles(program));
    }

    @Test
    void nssLookupsAddAnNsswitchConfButNoModulesBecauseGlibc236HasFilesAndDnsBuiltIn(@TempDir Path dir) throws Exception {
        Path program = NativeBuild.compile("gcc", dir.resolve("lookup"), """
                #include <netdb.h>
                #include <pwd.h>
                #include <stdio.h>
                #include <unistd.h>
                int main(void) {
                    struct addrinfo *ai;
                    int rc = getaddrinfo("localhost", "80", NULL, &ai);
                    struct passwd *pw = getpwuid(getuid());
                    printf("%d %s\\n", rc, pw ? pw->pw_name : "?");
                    return 0;
                }
                """);

        LibraryTree tree = resolve(program);

        assertThat(tree.generatedFiles()).singleElement().satisfies(f -> {
            assertThat(f.imagePath()).isEqualTo("/etc/nsswitch.conf");
            assertThat(f.content()).isEqualTo("passwd: files\ngroup: files\nhosts: files dns\n");
        });
        // Debian 12 ships libnss_files.so.2 and libnss_dns.so.2 as empty stubs; libc defines GLIBC_2.34
        assertThat(tree.imagePaths()).noneMatch(p -> p.contains("libnss_"));
        assertThat(sources(tree)).isEqualTo(Lddtree.realFiles(program, ROOT)).isEqualTo(Lddtree.lddRealFiles(program));
    }

    @Test
    void pthreadCancelAddsLibgccSAsACompanionExactlyOnTopOfWhatLddtreeFinds(@TempDir Path dir) throws Exception {
        Path program = NativeBuild.compile("gcc", dir.resolve("cancel"), """
                #include <pthread.h>
                #include <unistd.h>
                static void *sleeper(void *arg) { for (;;) pause(); return arg; }
                int main(void) {
                    pthread_t t;
                    pthread_create(&t, NULL, sleeper, NULL);
                    pthread_cancel(t);
                    return pthread_join(t, NULL);
                }
                """, "-pthread");

        LibraryTree tree = resolve(program);

        BundledFile libgcc = tree.file("/lib/x86_64-linux-gnu/libgcc_s.so.1").orElseThrow();
        assertThat(libgcc.neededBy()).containsExactly(new Need("/app/cancel", Reason.COMPANION));
        Set<Path> difference = new TreeSet<>(sources(tree));
        difference.removeAll(Lddtree.realFiles(program, ROOT));
        assertThat(difference).containsExactly(libgcc.source());
        assertThat(sourcesExcept(tree, Reason.COMPANION)).isEqualTo(Lddtree.lddRealFiles(program));
    }

    @Test
    void aarch64ProgramResolvesInTheCrossSysrootWhoseLibrariesAreInLib() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.AARCH64_DYNAMIC);

        LibraryTree tree = LibraryResolver.resolve(new ResolveRequest(hello, AARCH64_SYSROOT, List.of(), List.of()));

        assertThat(tree.imagePaths()).containsExactly("/lib/ld-linux-aarch64.so.1", "/lib/libc.so.6");
        assertThat(tree.files()).allSatisfy(f -> assertThat(f.source()).startsWith(AARCH64_SYSROOT));
        List<String> lddtree = Lddtree.paths(hello, AARCH64_SYSROOT).stream()
                .map(p -> p.substring(AARCH64_SYSROOT.toString().length())).toList();
        assertThat(tree.imagePaths()).containsExactlyElementsOf(lddtree);
        assertThat(tree.complete()).isTrue();
    }

    @Test
    void staticProgramNeedsNothing() throws Exception {
        LibraryTree tree = resolve(TestExecutables.hello(Toolchain.GCC_STATIC));

        assertThat(tree.files()).isEmpty();
        assertThat(tree.complete()).isTrue();
    }

    @Test
    void extraLibrariesComeWithTheirOwnClosure() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);

        LibraryTree tree = LibraryResolver.resolve(new ResolveRequest(hello, ROOT, List.of(),
                List.of("libz.so.1", "/lib/x86_64-linux-gnu/libm.so.6", "libnothere.so.7")));

        assertThat(tree.file("/lib/x86_64-linux-gnu/libz.so.1").orElseThrow().reason()).isEqualTo(Reason.EXTRA);
        assertThat(tree.file("/lib/x86_64-linux-gnu/libm.so.6").orElseThrow().neededBy())
                .containsExactly(new Need(Resolution.EXTRA_LIBRARIES, Reason.EXTRA));
        assertThat(tree.unresolved()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("libnothere.so.7");
            assertThat(u.neededBy()).containsExactly(Resolution.EXTRA_LIBRARIES);
        });
        assertThat(tree.imagePaths()).doesNotHaveDuplicates();
    }
}
