package io.github.scratchimage.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.paths.Sysroot;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stands between a program and its start becomes data in the tree, never an exception. */
class LibraryResolverFailuresTest {
    private static final Path ROOT = Path.of("/");
    private static final String LIBC = "/lib/x86_64-linux-gnu/libc.so.6";

    /** A sysroot with this machine's loader and libc, libc behind a symlink as Debian ships it. */
    private static Path glibcSysroot(Path dir) throws Exception {
        Path sysroot = dir.resolve("sysroot");
        Path multiarch = Files.createDirectories(sysroot.resolve("usr/lib/x86_64-linux-gnu"));
        Files.copy(Path.of(LIBC).toRealPath(), multiarch.resolve("libc-2.36.so"));
        Files.createSymbolicLink(multiarch.resolve("libc.so.6"), Path.of("libc-2.36.so"));
        Files.copy(Path.of("/lib64/ld-linux-x86-64.so.2").toRealPath(), multiarch.resolve("ld-linux-x86-64.so.2"));
        Files.createSymbolicLink(sysroot.resolve("lib"), Path.of("usr/lib"));
        Files.createDirectories(sysroot.resolve("lib64"));
        // absolute, as on Debian: must resolve inside the sysroot, not on this machine
        Files.createSymbolicLink(sysroot.resolve("lib64/ld-linux-x86-64.so.2"),
                Path.of("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));
        return sysroot;
    }

    private static Path hello() {
        return TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
    }

    @Test
    void aCraftedSysrootResolvesThroughItsOwnSymlinksOnly(@TempDir Path dir) throws Exception {
        Path sysroot = glibcSysroot(dir);

        LibraryTree tree = LibraryResolver.resolve(new ResolveRequest(hello(), sysroot, List.of(), List.of()));

        assertThat(tree.imagePaths()).containsExactly("/lib64/ld-linux-x86-64.so.2", LIBC);
        assertThat(tree.file(LIBC).orElseThrow().source())
                .isEqualTo(sysroot.resolve("usr/lib/x86_64-linux-gnu/libc-2.36.so"));
        assertThat(tree.files()).allSatisfy(f -> assertThat(f.source()).startsWith(sysroot));
        assertThat(tree.complete()).isTrue();
    }

    @Test
    void aMissingLibraryIsReportedWithItsNeederAndTheDirectoriesSearchedInOrder(@TempDir Path dir) throws Exception {
        Path lib = dir.resolve("lib");
        NativeBuild.sharedLibrary(lib, "gone");
        Path program = NativeBuild.programUsing(dir.resolve("bin/app"), lib, "gone", "-Wl,-rpath,$ORIGIN/../lib");
        Files.delete(lib.resolve("libgone.so"));

        LibraryTree tree = LibraryResolver.resolve(new ResolveRequest(program, ROOT, List.of("/opt/nowhere"), List.of()));

        assertThat(tree.complete()).isFalse();
        assertThat(tree.unresolved()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("libgone.so");
            assertThat(u.neededBy()).containsExactly("/app/app");
            // LD_LIBRARY_PATH, the RUNPATH from $ORIGIN, ld.so.conf, then the defaults
            assertThat(u.searched()).startsWith("/opt/nowhere", dir.resolve("bin").toAbsolutePath() + "/../lib");
            assertThat(u.searched()).containsSubsequence("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
                    "/lib64", "/usr/lib64", "/lib", "/usr/lib");
            assertThat(u.searched()).doesNotHaveDuplicates();
        });
        assertThat(tree.imagePaths()).contains(LIBC); // the rest still resolves
    }

    @Test
    void aVersionTheSysrootsLibcLacksIsReportedNamingObjectLibraryAndVersion(@TempDir Path dir) throws Exception {
        Path sysroot = glibcSysroot(dir);
        Path newer = dir.resolve("hello-needs-2.99");
        byte[] bytes = Files.readAllBytes(hello());
        int patched = replaceAll(bytes, "GLIBC_2.34", "GLIBC_2.99"); // __libc_start_main@GLIBC_2.34
        assertThat(patched).isPositive();
        Files.write(newer, bytes);

        LibraryTree tree = LibraryResolver.resolve(new ResolveRequest(newer, sysroot, List.of(), List.of()));

        assertThat(tree.unresolved()).isEmpty();
        assertThat(tree.versionMismatches()).containsExactly(new VersionMismatch("/app/hello-needs-2.99", LIBC, "GLIBC_2.99"));
        assertThat(tree.complete()).isFalse();
    }

    @Test
    void aSymlinkLoopIsASkippedCandidateAndTheSearchGoesOn(@TempDir Path dir) throws Exception {
        Path sysroot = glibcSysroot(dir);
        Path loops = Files.createDirectories(sysroot.resolve("opt/loops"));
        Files.createSymbolicLink(loops.resolve("libc.so.6"), Path.of("libloop.so"));
        Files.createSymbolicLink(loops.resolve("libloop.so"), Path.of("/opt/loops/libc.so.6"));

        LibraryTree tree = LibraryResolver.resolve(new ResolveRequest(hello(), sysroot, List.of("/opt/loops"), List.of()));

        assertThat(tree.skippedCandidates()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("libc.so.6");
            assertThat(s.path()).isEqualTo("/opt/loops/libc.so.6");
            assertThat(s.reason()).contains("symlink loop");
        });
        assertThat(tree.imagePaths()).containsExactly("/lib64/ld-linux-x86-64.so.2", LIBC);
    }

    @Test
    void aSymlinkPointingOutsideTheSysrootIsFollowedInsideItNeverOnThisMachine(@TempDir Path dir) throws Exception {
        Path sysroot = glibcSysroot(dir);
        Path escape = Files.createDirectories(sysroot.resolve("opt/escape"));
        // far more ".." than the sysroot is deep: on this machine it would reach /usr/lib/x86_64-linux-gnu/libc.so.6
        Files.createSymbolicLink(escape.resolve("libc.so.6"),
                Path.of("../../../../../../../../../../../../usr/lib/x86_64-linux-gnu/libc-2.36.so"));
        Files.createSymbolicLink(escape.resolve("libm.so.6"), Path.of("/../../usr/lib/x86_64-linux-gnu/libm.so.6"));

        LibraryTree tree = LibraryResolver.resolve(new ResolveRequest(hello(), sysroot, List.of("/opt/escape"),
                List.of("libm.so.6")));

        assertThat(tree.file("/opt/escape/libc.so.6").orElseThrow().source())
                .isEqualTo(sysroot.resolve("usr/lib/x86_64-linux-gnu/libc-2.36.so"));
        assertThat(tree.file("/opt/escape/libc.so.6").orElseThrow().foundVia()).isEqualTo(FoundVia.LIBRARY_PATH);
        assertThat(tree.libraryPathInImage()).containsExactly("/opt/escape");
        // libm is on this machine but not in the sysroot: not found, and nothing from outside is taken
        assertThat(tree.files()).allSatisfy(f -> assertThat(f.source()).startsWith(sysroot));
        assertThat(tree.unresolved()).singleElement().satisfies(u -> assertThat(u.name()).isEqualTo("libm.so.6"));
    }

    @Test
    void aLibraryOfAnotherArchitectureFirstInTheSearchIsSkippedAsLdSoSkipsIt() throws Exception {
        LibraryTree tree = LibraryResolver.resolve(
                new ResolveRequest(hello(), ROOT, List.of("/usr/aarch64-linux-gnu/lib"), List.of()));

        assertThat(tree.skippedCandidates()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/usr/aarch64-linux-gnu/lib/libc.so.6");
            assertThat(s.reason()).startsWith("wrong architecture: e_machine 183");
        });
        assertThat(tree.imagePaths()).containsExactly("/lib64/ld-linux-x86-64.so.2", LIBC);
        assertThat(tree.complete()).isTrue();
    }

    @Test
    void aFileThatIsNotElfIsSkipped(@TempDir Path dir) throws Exception {
        Path fake = Files.createDirectories(dir.resolve("fake"));
        Files.writeString(fake.resolve("libc.so.6"), "/* GNU ld script */ GROUP ( libc.so.6 )\n");

        LibraryTree tree = LibraryResolver.resolve(new ResolveRequest(hello(), ROOT, List.of(fake.toString()), List.of()));

        assertThat(tree.skippedCandidates()).singleElement()
                .satisfies(s -> assertThat(s.reason()).startsWith("not a loadable ELF file"));
        assertThat(tree.file(LIBC)).isPresent();
    }

    @Test
    void ldSoConfIncludeGlobsAreFollowedInSortedOrderAndTheImageNeedsThoseDirectoriesInItsLibraryPath(@TempDir Path dir)
            throws Exception {
        Path sysroot = glibcSysroot(dir);
        Path build = dir.resolve("build");
        NativeBuild.sharedLibrary(Files.createDirectories(sysroot.resolve("opt/b/lib")), "greet");
        Path program = NativeBuild.programUsing(build.resolve("app"), sysroot.resolve("opt/b/lib"), "greet");
        Path conf = Files.createDirectories(sysroot.resolve("etc/ld.so.conf.d"));
        Files.writeString(sysroot.resolve("etc/ld.so.conf"), "# comment\ninclude /etc/ld.so.conf.d/*.conf\n");
        Files.writeString(conf.resolve("20-b.conf"), "/opt/b/lib\n");
        Files.writeString(conf.resolve("10-a.conf"), "/opt/a/lib # not there\n");
        Files.writeString(conf.resolve("ignored.txt"), "/opt/ignored\n");

        LibraryTree tree = LibraryResolver.resolve(new ResolveRequest(program, sysroot, List.of(), List.of()));

        assertThat(tree.file("/opt/b/lib/libgreet.so").orElseThrow().foundVia()).isEqualTo(FoundVia.LD_SO_CONF);
        assertThat(tree.libraryPathInImage()).containsExactly("/opt/b/lib");
        assertThat(LdSoConf.directories(new Sysroot(sysroot))).containsExactly("/opt/a/lib", "/opt/b/lib");
    }

    @Test
    void ldSoConfWithLatin1TextANulAndAMalformedGlobStillGivesItsGoodDirectories(@TempDir Path dir) throws Exception {
        // Each line was an exception found by LibraryResolverFuzzTest; ldconfig reads bytes.
        Path etc = Files.createDirectories(dir.resolve("etc/ld.so.conf.d"));
        Files.writeString(etc.resolve("a.conf"), "/opt/a/lib\n");
        Files.write(dir.resolve("etc/ld.so.conf"), concat("# r\u00e9pertoires\n".getBytes(StandardCharsets.ISO_8859_1),
                "/opt/nul\0/lib\ninclude /etc/ld.so.conf.d/[a.conf\ninclude /etc/ld.so.conf.d/*.conf\n/opt/z/lib\n"
                        .getBytes(StandardCharsets.US_ASCII)));

        assertThat(LdSoConf.directories(new Sysroot(dir))).containsExactly("/opt/nul\0/lib", "/opt/a/lib", "/opt/z/lib");
        assertThat(new Sysroot(dir).lookup("/opt/nul\0/lib/libc.so.6")).isInstanceOf(Sysroot.Lookup.Missing.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static int replaceAll(byte[] bytes, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.US_ASCII);
        byte[] b = to.getBytes(StandardCharsets.US_ASCII);
        int count = 0;
        for (int i = 0; i + a.length <= bytes.length; i++) {
            boolean match = true;
            for (int j = 0; j < a.length && match; j++) {
                match = bytes[i + j] == a[j];
            }
            if (match) {
                System.arraycopy(b, 0, bytes, i, b.length);
                count++;
            }
        }
        return count;
    }
}
