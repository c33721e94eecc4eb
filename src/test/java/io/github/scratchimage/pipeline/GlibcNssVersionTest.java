package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.Finding.Kind;
import io.github.scratchimage.analysis.GlibcVersion;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.analysis.SettledFinding;
import io.github.scratchimage.analysis.SettledFinding.Status;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.libraries.SysrootGlibc;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * glibc NSS judged by the glibc release: from 2.34 files and dns are part of libc, so a static
 * executable needs no module and {@code linkage=bundle} adds none; before, both are modules. On
 * Debian 12's own libc (2.36) and on a sysroot whose libc.so.6 defines versions up to 2.31 only.
 */
class GlibcNssVersionTest {
    private static final Path DEBIAN_LIBC = Path.of("/lib/x86_64-linux-gnu/libc.so.6");

    @TempDir
    Path work;

    @Test
    void debian12sLibcIsGlibc236() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);
        assertThat(SysrootGlibc.release(ElfReader.read(DEBIAN_LIBC))).contains(new GlibcVersion(2, 36));
        assertThat(SysrootGlibc.release(Path.of("/"), ElfReader.read(hello).header())).contains(new GlibcVersion(2, 36));
        assertThat(SysrootGlibc.release(Files.createDirectories(work.resolve("empty")), ElfReader.read(hello).header()))
                .isEmpty();
        assertThat(GlibcVersion.newest(List.of("GLIBC_2.2.5", "GLIBC_2.34", "GLIBC_2.4", "GLIBC_PRIVATE",
                "GLIBC_ABI_DT_RELR"))).contains(new GlibcVersion(2, 34));
        assertThat(new GlibcVersion(2, 34).nssBuiltIn()).isTrue();
        assertThat(new GlibcVersion(2, 33).nssBuiltIn()).isFalse();
        assertThat(new GlibcVersion(3, 0).nssBuiltIn()).isTrue();
    }

    @Test
    void staticGlibc236IsMetByItsBuiltInSources() throws Exception {
        SettledFinding nss = nss(LinkagePolicy.STATIC, Toolchain.GCC_STATIC, Path.of("/"));

        assertThat(nss.status()).isEqualTo(Status.SATISFIED);
        assertThat(nss.how()).isEqualTo("the executable itself: glibc 2.36's built-in files and dns sources; the image"
                + " has no /etc/nsswitch.conf, so no other module is loaded");
        assertThat(nss.finding().whyItMattersInScratch()).contains("glibc 2.36 has files and dns built in");
    }

    @Test
    void staticGlibcBefore234NeedsTheModules() throws Exception {
        SettledFinding nss = nss(LinkagePolicy.STATIC, Toolchain.GCC_STATIC, sysrootWithGlibc231());

        assertThat(nss.status()).isEqualTo(Status.UNSATISFIED);
        assertThat(nss.finding().whyItMattersInScratch()).startsWith("this is a static glibc 2.31 executable")
                .contains("before glibc 2.34 even the files and dns sources are modules");
        assertThat(nss.finding().fixOption()).startsWith("link with musl").contains("glibc 2.31's libnss_files.so.2");
    }

    @Test
    void staticGlibcOfAnUnknownReleaseIsNotMet() throws Exception {
        SettledFinding nss = nss(LinkagePolicy.STATIC, Toolchain.GCC_STATIC,
                Files.createDirectories(work.resolve("no-libc")));

        assertThat(nss.status()).isEqualTo(Status.UNSATISFIED);
        assertThat(nss.finding().whyItMattersInScratch()).contains("which glibc it was linked with is unknown");
    }

    @Test
    void bundledGlibc236NeedsNoModules() throws Exception {
        SettledFinding nss = nss(LinkagePolicy.BUNDLE, Toolchain.GCC_DYNAMIC_PIE, Path.of("/"));

        assertThat(nss.status()).isEqualTo(Status.SATISFIED);
        assertThat(nss.how()).isEqualTo("<linkage>bundle</linkage>, which adds /etc/nsswitch.conf (files and dns),"
                + " which the bundled libc has built in");
        Finding finding = nss.finding();
        assertThat(finding.fixOption()).startsWith("<linkage>bundle</linkage> (-Dscratch.linkage=bundle: adds an"
                + " /etc/nsswitch.conf naming files and dns, which glibc 2.36 has built in)")
                .doesNotContain("libnss_files");
        assertThat(finding.whyItMattersInScratch()).startsWith("glibc 2.36 resolves files and dns itself");
    }

    private SettledFinding nss(LinkagePolicy linkage, Toolchain toolchain, Path sysroot) throws Exception {
        Path program = TestExecutables.compile(toolchain, SettlementTest.NEEDS_ALL, List.of());
        CheckRequest request = new CheckRequest(
                new ExecutableLocator.Search(Optional.of(program), Optional.empty(), work, "app", "app-1"),
                linkage, sysroot, List.of(), List.of(),
                Essentials.settings("auto", List.of(), "auto", "auto", "auto"), false, CheckRequest.appRoot("/app"));
        CheckResult checked = Check.run(request, (level, message) -> { });
        assertThat(checked.failure()).isEmpty();
        return Check.settle(checked, request, List.of(), (level, message) -> { }).settled().stream()
                .filter(s -> s.finding().kind() == Kind.GLIBC_NSS && s.finding().source().equals(program.getFileName()
                        .toString())).findFirst().orElseThrow();
    }

    /** A real shared library named libc.so.6 whose newest version definition is GLIBC_2.31, where glibc keeps it. */
    private Path sysrootWithGlibc231() throws Exception {
        Path map = Files.writeString(work.resolve("libc.map"), "GLIBC_2.2.5 { global: old_call; local: *; };\n"
                + "GLIBC_2.30 { global: newer_call; } GLIBC_2.2.5;\nGLIBC_2.31 { global: newest_call; } GLIBC_2.30;\n");
        Path libc = TestExecutables.compile(Toolchain.GCC_NO_PIE, """
                int old_call(void) { return 1; }
                int newer_call(void) { return 2; }
                int newest_call(void) { return 3; }
                """, List.of("-shared", "-fPIC", "-nostdlib", "-Wl,-soname,libc.so.6", "-Wl,--version-script=" + map));
        Path sysroot = work.resolve("glibc-2.31");
        Files.copy(libc, Files.createDirectories(sysroot.resolve("lib/x86_64-linux-gnu")).resolve("libc.so.6"));
        return sysroot;
    }
}
