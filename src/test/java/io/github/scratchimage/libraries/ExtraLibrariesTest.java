package io.github.scratchimage.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <extraLibraries>} entries that name several files (an interpreter's module directory, a
 * glob), and ELF files the image already holds: each gets its own closure, nothing twice.
 */
class ExtraLibrariesTest {
    private static final String MODULE = """
            #include <zlib.h>
            const char *module_version(void) { return zlibVersion(); }
            """;
    private static final String LIBZ = "/lib/x86_64-linux-gnu/libz.so.1";

    @TempDir
    Path work;

    private Path sysrootWithModules() throws Exception {
        Path sysroot = work.resolve("sysroot");
        for (String file : List.of("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6", LIBZ,
                "/lib/x86_64-linux-gnu/libgcc_s.so.1")) {
            copy(Path.of(file), sysroot.resolve(file.substring(1)));
        }
        Path module = TestExecutables.compile(Toolchain.GCC_NO_PIE, MODULE, List.of("-shared", "-fPIC"), List.of("-lz"));
        copy(module, sysroot.resolve("opt/modules/zmod.so"));
        copy(module, sysroot.resolve("opt/modules/zmod2.so"));
        Files.writeString(sysroot.resolve("opt/modules/README"), "not a library\n");
        return sysroot;
    }

    private LibraryTree resolve(Path sysroot, List<String> extra, Map<String, Path> imageFiles) throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
        return LibraryResolver.resolve(new ResolveRequest(hello, "/app/hello", sysroot, List.of(), extra, imageFiles));
    }

    @Test
    void aDirectoryAddsEachOfItsElfFilesWithItsOwnLibraries() throws Exception {
        LibraryTree tree = resolve(sysrootWithModules(), List.of("/opt/modules"), Map.of());

        assertThat(tree.complete()).isTrue();
        assertThat(tree.imagePaths()).contains("/opt/modules/zmod.so", "/opt/modules/zmod2.so", LIBZ)
                .doesNotContain("/opt/modules/README");
        assertThat(tree.file("/opt/modules/zmod.so").orElseThrow().reason()).isEqualTo(Reason.EXTRA);
        assertThat(tree.file(LIBZ).orElseThrow().neededBy()).extracting(Need::needer)
                .containsExactly("/opt/modules/zmod.so", "/opt/modules/zmod2.so");
    }

    @Test
    void aGlobInTheLastNameAddsTheFilesItMatches() throws Exception {
        LibraryTree tree = resolve(sysrootWithModules(), List.of("/opt/modules/zmod2*.so"), Map.of());

        assertThat(tree.imagePaths()).contains("/opt/modules/zmod2.so", LIBZ).doesNotContain("/opt/modules/zmod.so");
    }

    @Test
    void aGlobOrDirectoryThatNamesNothingIsUnresolved() throws Exception {
        LibraryTree tree = resolve(sysrootWithModules(), List.of("/opt/modules/*.py", "/opt/none"), Map.of());

        assertThat(tree.complete()).isFalse();
        assertThat(tree.unresolved()).extracting(UnresolvedLibrary::name).containsExactly("/opt/modules/*.py", "/opt/none");
    }

    @Test
    void anElfFileTheImageHoldsGetsItsLibrariesAndALibraryItHoldsIsNotBundled() throws Exception {
        Path sysroot = sysrootWithModules();
        Path module = sysroot.resolve("opt/modules/zmod.so");
        Path ownLibz = sysroot.resolve(LIBZ.substring(1)); // the same bytes as the sysroot's

        LibraryTree tree = resolve(sysroot, List.of(), Map.of("/usr/lib/app/zmod.so", module,
                "/etc/app.conf", sysroot.resolve("opt/modules/README")));
        assertThat(tree.imagePaths()).contains(LIBZ);
        assertThat(tree.file(LIBZ).orElseThrow().neededBy()).extracting(Need::needer).containsExactly("/usr/lib/app/zmod.so");
        assertThat(tree.fromImage()).extracting(BundledFile::imagePath).containsExactly("/usr/lib/app/zmod.so");

        LibraryTree holding = resolve(sysroot, List.of(), Map.of("/usr/lib/app/zmod.so", module, LIBZ, ownLibz));
        assertThat(holding.imagePaths()).doesNotContain(LIBZ, "/usr/lib/app/zmod.so");
        assertThat(holding.fromImage()).extracting(BundledFile::imagePath).contains("/usr/lib/app/zmod.so", LIBZ);
        assertThat(holding.conflicts()).isEmpty();
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(from.toRealPath(), to);
    }
}
