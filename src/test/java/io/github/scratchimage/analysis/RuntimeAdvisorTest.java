package io.github.scratchimage.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.Finding.Kind;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.testing.RuntimeProbes;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings on the probes the essentials tests run, compiled with glibc and musl, static and dynamic. */
class RuntimeAdvisorTest {
    @TempDir
    Path work;

    private static List<Finding> advise(Path executable) throws Exception {
        ElfFile elf = ElfReader.read(executable);
        return RuntimeAdvisor.advise(executable, elf, Analyzer.analyze(elf));
    }

    private static List<Kind> kinds(Path executable) throws Exception {
        return advise(executable).stream().map(Finding::kind).toList();
    }

    @Test
    void aProgramThatOnlyWritesToStdoutNeedsNothing() throws Exception {
        for (Toolchain toolchain : List.of(Toolchain.GCC_STATIC, Toolchain.MUSL_STATIC, Toolchain.GCC_STATIC_PIE,
                Toolchain.GCC_DYNAMIC_PIE, Toolchain.MUSL_DYNAMIC)) {
            assertThat(advise(RuntimeProbes.compile(toolchain, RuntimeProbes.WRITE_ONLY))).as(toolchain.name()).isEmpty();
        }
    }

    @Test
    void localTimeNeedsTimezones() throws Exception {
        for (Toolchain toolchain : List.of(Toolchain.GCC_STATIC, Toolchain.MUSL_STATIC, Toolchain.GCC_DYNAMIC_PIE)) {
            List<Finding> findings = advise(RuntimeProbes.compile(toolchain, RuntimeProbes.LOCAL_TIME));
            assertThat(findings).as(toolchain.name()).extracting(Finding::kind).containsExactly(Kind.TIMEZONES);
            assertThat(findings.get(0).fixOption()).contains("<timezones>");
        }
        assertThat(advise(RuntimeProbes.compile(Toolchain.GCC_DYNAMIC_PIE, RuntimeProbes.LOCAL_TIME)).get(0).what())
                .contains("imports localtime_r");
    }

    @Test
    void userLookupNeedsUsersAndStaticGlibcGetsTheNssWarning() throws Exception {
        assertThat(kinds(RuntimeProbes.compile(Toolchain.MUSL_STATIC, RuntimeProbes.USER_NAME)))
                .containsExactly(Kind.USERS);
        List<Finding> glibc = advise(RuntimeProbes.compile(Toolchain.GCC_STATIC, RuntimeProbes.USER_NAME));
        assertThat(glibc).extracting(Finding::kind).contains(Kind.USERS, Kind.GLIBC_NSS);
        Finding nss = glibc.stream().filter(f -> f.kind() == Kind.GLIBC_NSS).findFirst().orElseThrow();
        assertThat(nss.whyItMattersInScratch()).contains("static glibc").contains("dlopen NSS modules");
        assertThat(nss.kind().acknowledgeable()).as("no essential meets it").isTrue();
        // Static glibc's NSS code carries the whole files backend, hosts and resolv.conf included.
        assertThat(glibc.stream().filter(f -> f.kind() == Kind.NETWORK_FILES).findFirst())
                .hasValueSatisfying(f -> assertThat(f.fixOption()).contains("container runtime provides"));
        assertThat(glibc).allSatisfy(f -> assertThat(f.source()).isEqualTo(
                RuntimeProbes.compile(Toolchain.GCC_STATIC, RuntimeProbes.USER_NAME).getFileName().toString()));
        List<Finding> dynamic = advise(RuntimeProbes.compile(Toolchain.GCC_DYNAMIC_PIE, RuntimeProbes.USER_NAME));
        assertThat(dynamic).extracting(Finding::kind).containsExactly(Kind.USERS, Kind.GLIBC_NSS);
        assertThat(dynamic.get(0).what()).contains("imports getpwuid");
    }

    @Test
    void temporaryFilesNeedTmp() throws Exception {
        for (Toolchain toolchain : List.of(Toolchain.GCC_STATIC, Toolchain.MUSL_STATIC, Toolchain.GCC_DYNAMIC_PIE)) {
            assertThat(kinds(RuntimeProbes.compile(toolchain, RuntimeProbes.TEMP_FILE))).as(toolchain.name())
                    .containsExactly(Kind.TMP);
        }
    }

    @Test
    void staticOpenSslNeedsCaCertificates() throws Exception {
        List<Finding> findings = advise(RuntimeProbes.verifyCertificate());
        Finding ca = findings.stream().filter(f -> f.kind() == Kind.CA_CERTIFICATES).findFirst().orElseThrow();
        assertThat(ca.what()).contains("/usr/lib/ssl");
        assertThat(ca.fixOption()).contains("<caCertificates>true</caCertificates>");
    }

    @Test
    void dynamicImportsOfDlopenSetlocaleAndGetaddrinfoAreReported() throws Exception {
        Path program = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, """
                #include <dlfcn.h>
                #include <locale.h>
                #include <netdb.h>
                #include <stddef.h>
                int main(int argc, char **argv) {
                  struct addrinfo *ai;
                  setlocale(LC_ALL, "");
                  if (argc > 5) { dlopen(argv[1], RTLD_NOW); getaddrinfo(argv[1], NULL, NULL, &ai); }
                  return 0;
                }
                """, List.of(), List.of("-ldl"));
        List<Finding> findings = advise(program);
        assertThat(findings).extracting(Finding::kind)
                .containsExactly(Kind.GLIBC_NSS, Kind.NETWORK_FILES, Kind.DLOPEN, Kind.LOCALE);
        assertThat(findings.get(1).fixOption()).contains("container runtime provides");
    }

    @Test
    void aPathInsideALongerPathDoesNotCount() throws Exception {
        Path program = TestExecutables.compile(Toolchain.MUSL_STATIC, """
                #include <unistd.h>
                int main(void) { const char *p = "/var/tmp/x"; write(1, p, 10); return 0; }
                """, List.of("-O2"));
        assertThat(advise(program)).isEmpty();
    }

    @Test
    void a60MegabyteExecutableIsScannedInA16MegabyteHeap() throws Exception {
        // A 60 MB read-only array, like a native image's heap snapshot, with the CA path at its end.
        Path source = work.resolve("big.c");
        try (OutputStream out = Files.newOutputStream(source)) {
            out.write("""
                    #include <unistd.h>
                    __attribute__((used)) static const char big[60 * 1024 * 1024] = {1};
                    __attribute__((used)) static const char path[] = "/etc/ssl/certs/ca-certificates.crt";
                    int main(void) { write(1, big, 1); write(1, path, 1); return 0; }
                    """.getBytes());
        }
        Path program = TestExecutables.compile(Toolchain.MUSL_STATIC, Files.readString(source), List.of("-O1"));
        assertThat(Files.size(program)).isGreaterThan(60L * 1024 * 1024);
        // In a JVM whose whole heap is 16 MiB: the scan must stream, whatever the executable's size.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-cp", classpath, AdviseInAChildProcess.class.getName(), program.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());

        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output.strip()).isEqualTo(Kind.CA_CERTIFICATES.name());
    }

}
