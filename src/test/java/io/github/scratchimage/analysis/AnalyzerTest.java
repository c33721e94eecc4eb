package io.github.scratchimage.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AnalyzerTest {

    private static BinaryAnalysis analyse(Path path) throws Exception {
        return Analyzer.analyze(ElfReader.read(path));
    }

    private static String readelf(String option, Path path) {
        return TestExecutables.run(List.of("readelf", "-W", option, path.toString()), "apt-get install binutils");
    }

    @ParameterizedTest
    @CsvSource({
        "GCC_STATIC,        STATIC,     linux/amd64,   GLIBC",
        "GCC_STATIC_PIE,    STATIC_PIE, linux/amd64,   GLIBC",
        "GCC_DYNAMIC_PIE,   DYNAMIC,    linux/amd64,   GLIBC",
        "GCC_NO_PIE,        DYNAMIC,    linux/amd64,   GLIBC",
        "MUSL_STATIC,       STATIC,     linux/amd64,   UNKNOWN",
        "MUSL_DYNAMIC,      DYNAMIC,    linux/amd64,   MUSL",
        "AARCH64_STATIC,    STATIC,     linux/arm64,   GLIBC",
        "AARCH64_DYNAMIC,   DYNAMIC,    linux/arm64,   GLIBC",
        "ARMHF_STATIC,      STATIC,     linux/arm/v7,  GLIBC",
        "S390X_STATIC,      STATIC,     linux/s390x,   GLIBC",
    })
    void classifiesLinkagePlatformAndLibcOfRealExecutables(Toolchain toolchain, Linkage linkage, String platform, Libc libc)
            throws Exception {
        BinaryAnalysis a = analyse(TestExecutables.hello(toolchain));

        assertThat(a.linkage()).isEqualTo(linkage);
        assertThat(a.platform()).hasToString(platform);
        assertThat(a.libc()).isEqualTo(libc);
        assertThat(a.linkage().startsFromScratch()).isEqualTo(linkage != Linkage.DYNAMIC);
    }

    @ParameterizedTest
    @EnumSource(Toolchain.class)
    void agreesWithReadelfOnInterpreterAndNeededLibraries(Toolchain toolchain) throws Exception {
        Path hello = TestExecutables.hello(toolchain);
        BinaryAnalysis a = analyse(hello);

        Matcher interp = Pattern.compile("Requesting program interpreter: ([^\\]]+)]").matcher(readelf("-l", hello));
        assertThat(a.interpreter()).isEqualTo(interp.find() ? Optional.of(interp.group(1)) : Optional.empty());
        List<String> needed = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)]")
                .matcher(readelf("-d", hello)).results().map(r -> r.group(1)).toList();
        assertThat(a.needed()).isEqualTo(needed);
    }

    @ParameterizedTest
    @EnumSource(value = Toolchain.class, names = {"GCC_DYNAMIC_PIE", "GCC_NO_PIE", "AARCH64_DYNAMIC"})
    void minimumGlibcIsTheHighestVersionReadelfListsAsNeeded(Toolchain toolchain) throws Exception {
        Path hello = TestExecutables.compile(toolchain, """
                #include <stdio.h>
                #include <sys/random.h>
                int main(void) { char b[4]; getrandom(b, sizeof b, 0); puts("hi"); return 0; }
                """, List.of());
        List<String> versions = Pattern.compile("Name: GLIBC_([0-9.]+)").matcher(readelf("-V", hello)).results()
                .map(r -> r.group(1)).distinct().toList();
        String highest = versions.stream().max(Comparator.comparing(AnalyzerTest::versionKey)).orElseThrow();

        assertThat(versions).hasSizeGreaterThan(1); // several versions, so picking the highest is tested
        assertThat(analyse(hello).minimumGlibc()).contains(highest);
        assertThat(versionKey(highest)).isGreaterThanOrEqualTo(versionKey("2.25")); // getrandom is GLIBC_2.25
    }

    private static String versionKey(String v) {
        StringBuilder key = new StringBuilder();
        for (String part : v.split("\\.")) {
            key.append(String.format("%05d", Integer.parseInt(part)));
        }
        return key.toString();
    }

    @Test
    void staticExecutableNeedsNoGlibcVersion() throws Exception {
        assertThat(analyse(TestExecutables.hello(Toolchain.GCC_STATIC)).minimumGlibc()).isEmpty();
    }

    @Test
    void aVersionNameTooLongForAnyGlibcIsNotAGlibcVersion(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // It was a NumberFormatException out of check: a linker version script can name anything.
        Path script = java.nio.file.Files.writeString(dir.resolve("v.map"), "GLIBC_99999999999.1 { global: f; local: *; };");
        Path library = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, "int f(void) { return 1; }",
                List.of("-shared", "-fPIC", "-Wl,--version-script=" + script));
        java.nio.file.Files.copy(library, dir.resolve("libfake.so"));
        Path program = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, "int f(void);\nint main(void) { return f(); }",
                List.of(), List.of("-L" + dir, "-lfake"));
        assertThat(ElfReader.read(program).dynamic().orElseThrow().versionNeeds())
                .anySatisfy(need -> assertThat(need.versions()).contains("GLIBC_99999999999.1"));

        assertThat(analyse(program).minimumGlibc()).hasValueSatisfying(v -> assertThat(v).startsWith("2."));
    }

    @Test
    void reportsRunpathAndRpathInOrder() throws Exception {
        Path runpath = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, TestExecutables.HELLO,
                List.of("-Wl,--enable-new-dtags", "-Wl,-rpath,$ORIGIN/../lib:/opt/x/lib"));
        Path rpath = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, TestExecutables.HELLO,
                List.of("-Wl,--disable-new-dtags", "-Wl,-rpath,/opt/y/lib"));

        assertThat(analyse(runpath).runpath()).containsExactly("$ORIGIN/../lib", "/opt/x/lib");
        assertThat(analyse(runpath).rpath()).isEmpty();
        assertThat(analyse(rpath).rpath()).containsExactly("/opt/y/lib");
        assertThat(analyse(rpath).runpath()).isEmpty();
    }

    @Test
    void measuresDebugAndSymbolBytesThatStripWouldSave() throws Exception {
        Path debug = TestExecutables.compile(Toolchain.GCC_STATIC, TestExecutables.HELLO, List.of("-g"));
        Path stripped = TestExecutables.compile(Toolchain.GCC_STATIC, TestExecutables.HELLO, List.of("-s"));
        long readelfDebug = Pattern.compile("\\]\\s+\\.debug_\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+([0-9a-f]+)")
                .matcher(readelf("-S", debug)).results().mapToLong(r -> Long.parseLong(r.group(1), 16)).sum();

        DebugInfo withDebug = analyse(debug).debugInfo();
        assertThat(withDebug.stripped()).isFalse();
        assertThat(withDebug.debugBytes()).isEqualTo(readelfDebug).isPositive();
        assertThat(withDebug.symbolTableBytes()).isPositive();
        DebugInfo none = analyse(stripped).debugInfo();
        assertThat(none.stripped()).isTrue();
        assertThat(none.strippableBytes()).isZero();
    }

    @Test
    void reportsHardeningAsChecksecDoes() throws Exception {
        Hardening pie = analyse(TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, TestExecutables.HELLO,
                List.of("-Wl,-z,relro,-z,now"))).hardening();
        Hardening noPie = analyse(TestExecutables.compile(Toolchain.GCC_NO_PIE, TestExecutables.HELLO,
                List.of("-Wl,-z,norelro", "-z", "execstack"))).hardening();

        assertThat(pie).isEqualTo(new Hardening(true, true, Relro.FULL, Detection.ABSENT, Detection.ABSENT));
        assertThat(noPie).isEqualTo(new Hardening(false, false, Relro.NONE, Detection.ABSENT, Detection.ABSENT));
    }

    @Test
    void refusesRelocatableObjectNamingFileAndFix() throws Exception {
        Path object = TestExecutables.compile(Toolchain.GCC_STATIC, TestExecutables.HELLO, List.of("-c"));

        assertThatThrownBy(() -> analyse(object))
                .isInstanceOf(UnsupportedExecutableException.class)
                .hasMessageContaining(object.toString())
                .hasMessageContaining("relocatable object file")
                .hasMessageContaining("<executable>");
    }

    @Test
    void refusesSharedLibraryNamingItsSoname() throws Exception {
        Path library = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, "int answer(void) { return 42; }\n",
                List.of("-shared", "-fPIC", "-Wl,-soname,libanswer.so.1"));

        assertThatThrownBy(() -> analyse(library))
                .isInstanceOf(UnsupportedExecutableException.class)
                .hasMessageContaining("shared library (DT_SONAME libanswer.so.1)");
    }

    @Test
    void refusesArchitectureWithoutOciPlatformNamingIt() throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(TestExecutables.hello(Toolchain.GCC_STATIC));
        bytes[18] = 8; // e_machine = EM_MIPS, little endian
        bytes[19] = 0;

        assertThatThrownBy(() -> Analyzer.analyze(ElfReader.read("mips-hello", bytes)))
                .isInstanceOf(UnsupportedExecutableException.class)
                .hasMessageContaining("mips-hello is built for MIPS, 64-bit, little endian")
                .hasMessageContaining("linux/amd64, linux/arm64");
    }
}
