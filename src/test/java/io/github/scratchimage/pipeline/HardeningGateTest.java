package io.github.scratchimage.pipeline;

import static io.github.scratchimage.testing.HardeningPrograms.FORTIFIABLE;
import static io.github.scratchimage.testing.HardeningPrograms.HARDENED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.analysis.HardeningRequirement;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.report.HardeningReport;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <hardening>} through {@code Pipeline.check}: real executables compiled with and without
 * the flags, and under {@code linkage=bundle} the host's own libraries judged too.
 */
class HardeningGateTest {
    @TempDir
    Path work;

    private final List<String> log = new ArrayList<>();
    private final BuildListener listener = (level, message) -> log.add(level + " " + message);

    @Test
    void noPieWithoutRelroFailsPieAndFullRelroNamingBothWithTheirFlags() throws Exception {
        Path exe = TestExecutables.compile(Toolchain.GCC_NO_PIE, TestExecutables.HELLO, List.of("-Wl,-z,norelro"));

        InvalidInputException failed = catchThrowableOfType(() -> new Pipeline(listener).check(
                request(exe, LinkagePolicy.ANY, "pie,full-relro"), report()), InvalidInputException.class);

        assertThat(failed).isNotNull();
        String name = exe.getFileName().toString();
        assertThat(failed.getMessage())
                .contains("<hardening> (scratch.hardening) requires pie, full-relro")
                .contains(name + ": no pie: it is not position-independent (ET_EXEC)")
                .contains("; add -fPIE -pie")
                .contains(name + ": no full-relro: it has no PT_GNU_RELRO segment")
                .contains("; add -Wl,-z,relro,-z,now");
        JsonNode json = new ObjectMapper().readTree(report().toFile());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.at("/hardening/pie").asBoolean()).isFalse();
        assertThat(json.at("/hardening/relro").asText()).isEqualTo("none");
        assertThat(json.at("/hardening/stackCanary").asText()).isIn("present", "absent");
        assertThat(json.at("/hardening/fortify").asText()).isIn("present", "absent");
        JsonNode verdict = json.get("hardeningVerdict");
        assertThat(verdict.get("passed").asBoolean()).isFalse();
        assertThat(verdict.get("required").toString()).isEqualTo("[\"pie\",\"full-relro\"]");
        assertThat(verdict.get("missing")).extracting(m -> m.get("requirement").asText())
                .containsExactly("pie", "full-relro");
        assertThat(verdict.get("missing")).extracting(m -> m.get("path").asText()).containsOnly("/app/" + name);
    }

    @Test
    void aHardenedBundledProgramPassesAndWarnsOnlyWhereAFileCannotShowItsCanary() throws Exception {
        Path exe = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, FORTIFIABLE, HARDENED);

        CheckResult result = new Pipeline(listener).check(request(exe, LinkagePolicy.BUNDLE, "pie,nx,relro,canary"),
                report());

        assertThat(result.hardening().passes()).isTrue();
        assertThat(result.hardening().files()).extracting(HardeningReport.JudgedFile::path)
                .contains("/app/" + exe.getFileName(), "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6");
        // libc defines __stack_chk_fail, the loader imports nothing: neither can show a canary
        assertThat(log).anyMatch(line -> line.startsWith("WARN <hardening> canary cannot be verified for "
                + "/lib/x86_64-linux-gnu/libc.so.6"));
        assertThat(log).noneMatch(line -> line.contains("cannot be verified for " + exe.getFileName()));
        assertThat(log).anyMatch(line -> line.startsWith("LIFECYCLE <hardening> pie, nx, relro, canary: met by "
                + exe.getFileName() + " and its "));
        JsonNode json = new ObjectMapper().readTree(report().toFile());
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.at("/hardening/stackCanary").asText()).isEqualTo("present");
        assertThat(json.at("/hardening/fortify").asText()).isEqualTo("present");
        assertThat(json.at("/hardeningVerdict/missing")).isEmpty();
        assertThat(json.at("/hardeningVerdict/unverified")).extracting(m -> m.get("path").asText())
                .contains("/lib/x86_64-linux-gnu/libc.so.6");
    }

    @Test
    void aBundledLibraryThatBindsLazilyFailsFullRelroByItsImagePath() throws Exception {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        // the premise: Debian builds glibc with RELRO but without BIND_NOW
        assertThat(TestExecutables.run(List.of("readelf", "-W", "-d", libc.toString()), "apt-get install binutils"))
                .doesNotContain("BIND_NOW").doesNotContain("Flags: NOW");
        Path exe = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, FORTIFIABLE, HARDENED);

        InvalidInputException failed = catchThrowableOfType(() -> new Pipeline(listener).check(
                request(exe, LinkagePolicy.BUNDLE, "full-relro"), report()), InvalidInputException.class);

        assertThat(failed).isNotNull();
        assertThat(failed.getMessage())
                .contains("/lib/x86_64-linux-gnu/libc.so.6 (from " + libc.toRealPath() + "): no full-relro:"
                        + " it binds lazily")
                .contains("(a rebuild with -Wl,-z,relro,-z,now adds it)")
                .contains("point <sysroot> (scratch.sysroot) at a root whose library has the property")
                .doesNotContain(exe.getFileName() + ": no full-relro");
    }

    @Test
    void anUnknownWordIsTheUsersMistakeNamingTheParameter() {
        InvalidInputException refused = catchThrowableOfType(() -> CheckRequest.hardening("pie,canery"),
                InvalidInputException.class);

        assertThat(refused.getMessage()).startsWith("<hardening> (scratch.hardening) has unknown hardening"
                + " requirement \"canery\"").contains("pie, nx, relro, full-relro, canary, fortify");
    }

    private Path report() {
        return work.resolve("scratch-check.json");
    }

    private CheckRequest request(Path executable, LinkagePolicy linkage, String hardening) throws Exception {
        Set<HardeningRequirement> required = CheckRequest.hardening(hardening);
        return new CheckRequest(
                new ExecutableLocator.Search(Optional.of(executable), Optional.empty(), work, "app", "app-1"),
                linkage, Path.of("/"), List.of(), List.of(),
                Essentials.settings("false", List.of(), "false", "false", "false"), false, "/app").requiring(required);
    }
}
