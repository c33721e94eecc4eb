package io.github.scratchimage.analysis;

import static io.github.scratchimage.analysis.HardeningRequirement.CANARY;
import static io.github.scratchimage.analysis.HardeningRequirement.FORTIFY;
import static io.github.scratchimage.analysis.HardeningRequirement.FULL_RELRO;
import static io.github.scratchimage.analysis.HardeningRequirement.NX;
import static io.github.scratchimage.analysis.HardeningRequirement.PIE;
import static io.github.scratchimage.analysis.HardeningRequirement.RELRO;
import static io.github.scratchimage.testing.HardeningPrograms.FORTIFIABLE;
import static io.github.scratchimage.testing.HardeningPrograms.HARDENED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Real executables compiled with and without each hardening flag, judged against requirements. */
class HardeningVerdictTest {
    private static final Set<HardeningRequirement> ALL = HardeningRequirement.parseList(
            "pie,nx,relro,full-relro,canary,fortify");
    /** Explicit, so the test means the same where a compiler turns these on by default. */
    private static final List<String> UNPROTECTED = List.of("-Wl,-z,relro,-z,now", "-fno-stack-protector",
            "-U_FORTIFY_SOURCE", "-O2");

    private static BinaryAnalysis analyse(Path path) throws Exception {
        return Analyzer.analyze(ElfReader.read(path));
    }

    private static String readelf(String option, Path path) {
        return TestExecutables.run(List.of("readelf", "-W", option, path.toString()), "apt-get install binutils");
    }

    private static String definedSymbols(Path path) {
        return TestExecutables.run(List.of("nm", "--defined-only", path.toString()), "apt-get install binutils");
    }

    @Test
    void noPieWithoutRelroFailsPieAndFullRelroNamingBoth() throws Exception {
        Path exe = TestExecutables.compile(Toolchain.GCC_NO_PIE, TestExecutables.HELLO, List.of("-Wl,-z,norelro"));

        HardeningVerdict verdict = HardeningVerdict.judge(analyse(exe),
                HardeningRequirement.parseList("pie,full-relro"));

        assertThat(verdict.passes()).isFalse();
        assertThat(verdict.missing()).extracting(HardeningGap::requirement).containsExactly(PIE, FULL_RELRO);
        assertThat(verdict.missing()).extracting(HardeningGap::flags)
                .containsExactly("-fPIE -pie", "-Wl,-z,relro,-z,now");
        assertThat(verdict.missing().get(0).reason()).contains("ET_EXEC");
        assertThat(verdict.missing().get(1).reason()).contains("no PT_GNU_RELRO");
        assertThat(verdict.unverified()).isEmpty();
    }

    @Test
    void fullyHardenedBuildPassesAllSix() throws Exception {
        Path exe = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, FORTIFIABLE, HARDENED);
        assertThat(readelf("--dyn-syms", exe)).contains("__stack_chk_fail", "__printf_chk");

        BinaryAnalysis analysis = analyse(exe);
        HardeningVerdict verdict = HardeningVerdict.judge(analysis, ALL);

        assertThat(analysis.hardening())
                .isEqualTo(new Hardening(true, true, Relro.FULL, Detection.PRESENT, Detection.PRESENT));
        assertThat(verdict.missing()).isEmpty();
        assertThat(verdict.unverified()).isEmpty();
        assertThat(verdict.passes()).isTrue();
    }

    @Test
    void sameProgramWithoutProtectorOrFortifyMissesExactlyThoseWithTheirFlags() throws Exception {
        Path exe = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, FORTIFIABLE, UNPROTECTED);
        assertThat(readelf("--dyn-syms", exe)).doesNotContain("_chk");

        HardeningVerdict verdict = HardeningVerdict.judge(analyse(exe), ALL);

        assertThat(verdict.missing()).extracting(HardeningGap::requirement).containsExactly(CANARY, FORTIFY);
        assertThat(verdict.missing()).extracting(HardeningGap::flags)
                .containsExactly("-fstack-protector-strong", "-D_FORTIFY_SOURCE=2 -O2");
        assertThat(verdict.missing().get(0).reason()).contains("__stack_chk_fail");
        assertThat(verdict.missing().get(1).reason()).contains("__*_chk");
    }

    @Test
    void lazyBindingHasRelroButNotFullRelro() throws Exception {
        Path exe = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, TestExecutables.HELLO,
                List.of("-Wl,-z,relro", "-Wl,-z,lazy"));

        HardeningVerdict verdict = HardeningVerdict.judge(analyse(exe), Set.of(RELRO, FULL_RELRO));

        assertThat(verdict.missing()).extracting(HardeningGap::requirement).containsExactly(FULL_RELRO);
        assertThat(verdict.missing().get(0).reason()).contains("binds lazily");
        assertThat(verdict.missing().get(0).flags()).isEqualTo("-Wl,-z,relro,-z,now");
    }

    @Test
    void executableStackFailsNx() throws Exception {
        Path exe = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, TestExecutables.HELLO,
                List.of("-z", "execstack"));

        HardeningVerdict verdict = HardeningVerdict.judge(analyse(exe), Set.of(NX));

        assertThat(verdict.missing()).singleElement().satisfies(gap -> {
            assertThat(gap.requirement()).isEqualTo(NX);
            assertThat(gap.flags()).isEqualTo("-Wl,-z,noexecstack");
        });
    }

    @Test
    void staticExecutableIsJudgedByWhatItsFileCanShow() throws Exception {
        Path exe = TestExecutables.compile(Toolchain.GCC_STATIC, FORTIFIABLE, UNPROTECTED);
        // Compiled without a protector, yet its libc defines the symbols: .symtab could not tell either.
        assertThat(definedSymbols(exe)).contains(" T __stack_chk_fail\n", " T __memcpy_chk");
        assertThat(readelf("-l", exe)).contains("GNU_RELRO");

        BinaryAnalysis analysis = analyse(exe);
        HardeningVerdict verdict = HardeningVerdict.judge(analysis, ALL);

        assertThat(analysis.hardening().stackCanary()).isEqualTo(Detection.UNKNOWN);
        assertThat(analysis.hardening().fortify()).isEqualTo(Detection.UNKNOWN);
        assertThat(verdict.missing()).singleElement().satisfies(gap -> {
            assertThat(gap.requirement()).isEqualTo(PIE);
            assertThat(gap.flags()).contains("-static-pie");
        });
        assertThat(verdict.unverified()).extracting(HardeningGap::requirement).containsExactly(CANARY, FORTIFY);
        assertThat(verdict.unverified().get(0).reason()).contains("statically linked", "cannot show");
    }

    @Test
    void staticPieHasFullRelroWithoutBindNowBecauseNothingBindsLazily() throws Exception {
        Path exe = TestExecutables.hello(Toolchain.GCC_STATIC_PIE);

        BinaryAnalysis analysis = analyse(exe);
        HardeningVerdict verdict = HardeningVerdict.judge(analysis, Set.of(PIE, RELRO, FULL_RELRO));

        assertThat(analysis.hardening().relro()).as("checksec's reading: no BIND_NOW").isEqualTo(Relro.PARTIAL);
        assertThat(verdict.missing()).isEmpty();
    }

    @Test
    void muslShowsItsCanaryButNotFortify() throws Exception {
        Path exe = TestExecutables.compile(Toolchain.MUSL_DYNAMIC, FORTIFIABLE, HARDENED);

        BinaryAnalysis analysis = analyse(exe);
        HardeningVerdict verdict = HardeningVerdict.judge(analysis, Set.of(CANARY, FORTIFY));

        assertThat(analysis.hardening().stackCanary()).isEqualTo(Detection.PRESENT);
        assertThat(verdict.missing()).isEmpty();
        assertThat(verdict.unverified()).singleElement().satisfies(gap -> {
            assertThat(gap.requirement()).isEqualTo(FORTIFY);
            assertThat(gap.reason()).contains("musl");
        });
    }

    @Test
    void parsesTheListInAnyCaseWithSpaces() {
        assertThat(HardeningRequirement.parseList(" PIE , full-relro,nx,pie")).containsExactly(PIE, NX, FULL_RELRO);
        assertThat(HardeningRequirement.parseList("")).isEmpty();
        assertThat(HardeningRequirement.parseList(null)).isEmpty();
    }

    @Test
    void unknownWordIsNamedWithTheValidOnes() {
        assertThatThrownBy(() -> HardeningRequirement.parseList("pie,canery"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"canery\"")
                .hasMessageContaining("\"pie,canery\"")
                .hasMessageContaining("pie, nx, relro, full-relro, canary, fortify");
        assertThatThrownBy(() -> HardeningRequirement.parseList("pie,,nx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an empty entry");
    }
}
