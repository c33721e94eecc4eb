package io.github.scratchimage.elf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Linker options that put something specific into the dynamic section or section table, each
 * checked against readelf on the same file.
 */
class ElfReaderLinkerOptionsTest {
    private static final String ORIGIN_LIB = "$ORIGIN/../lib";
    private static final String LIBRARY = """
            int x_answer(void) { return 42; }
            """;

    @Test
    void newDtagsGiveRunpathAndNoRpath() throws Exception {
        Path hello = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, TestExecutables.HELLO,
                List.of("-Wl,-rpath," + ORIGIN_LIB, "-Wl,--enable-new-dtags"));
        DynamicSection dynamic = ElfReader.read(hello).dynamic().orElseThrow();
        Readelf readelf = new Readelf(hello);

        assertThat(dynamic.runpath()).containsExactly(ORIGIN_LIB).isEqualTo(readelf.dynamicStrings("RUNPATH"));
        assertThat(dynamic.rpath()).isEmpty();
        assertThat(readelf.dynamicStrings("RPATH")).isEmpty();
    }

    @Test
    void oldDtagsGiveRpathAndNoRunpath() throws Exception {
        Path hello = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, TestExecutables.HELLO,
                List.of("-Wl,-rpath," + ORIGIN_LIB + ":/opt/x/lib", "-Wl,--disable-new-dtags"));
        DynamicSection dynamic = ElfReader.read(hello).dynamic().orElseThrow();
        Readelf readelf = new Readelf(hello);

        assertThat(readelf.dynamicStrings("RPATH")).containsExactly(ORIGIN_LIB + ":/opt/x/lib");
        assertThat(dynamic.rpath()).containsExactly(ORIGIN_LIB, "/opt/x/lib");
        assertThat(dynamic.runpath()).isEmpty();
    }

    @Test
    void sharedLibraryHasSonameAndVersionDefinitions(@TempDir Path dir) throws Exception {
        Path versionScript = Files.writeString(dir.resolve("libx.map"), "LIBX_1.0 { global: x_answer; local: *; };\n");
        Path library = TestExecutables.compile(Toolchain.GCC_NO_PIE, LIBRARY, List.of("-shared", "-fPIC",
                "-Wl,-soname,libx.so.1", "-Wl,--version-script=" + versionScript));
        ElfFile elf = ElfReader.read(library);
        DynamicSection dynamic = elf.dynamic().orElseThrow();

        assertThat(elf.header().type()).isEqualTo(ElfType.DYN);
        assertThat(elf.interpreter()).isEmpty();
        assertThat(dynamic.soname()).contains("libx.so.1");
        assertThat(new Readelf(library).dynamicStrings("SONAME")).containsExactly("libx.so.1");
        assertThat(dynamic.versionDefinitions()).containsExactly("LIBX_1.0");
        assertThat(dynamic.symbols()).contains(new DynamicSymbol("x_answer", DynamicSymbol.STT_FUNC, 1, true));
    }

    @ParameterizedTest
    @EnumSource(value = Toolchain.class, names = {"GCC_DYNAMIC_PIE", "GCC_NO_PIE", "AARCH64_DYNAMIC"})
    void glibcVersionNeedsMatchReadelf(Toolchain toolchain) throws Exception {
        Path hello = TestExecutables.hello(toolchain);
        List<String> ours = ElfReader.read(hello).dynamic().orElseThrow().versionNeeds().stream()
                .map(need -> need.file() + ":" + need.versions().stream().map(v -> " " + v).reduce("", String::concat))
                .toList();

        assertThat(ours).isNotEmpty().isEqualTo(new Readelf(hello).versionNeeds());
        assertThat(ours.get(0)).startsWith("libc.so.6: GLIBC_2.");
    }

    @Test
    void putsIsAnUndefinedImportOfTheDynamicHello() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);

        assertThat(ElfReader.read(hello).dynamic().orElseThrow().symbols())
                .contains(new DynamicSymbol("puts", DynamicSymbol.STT_FUNC, 1, false));
    }

    @ParameterizedTest
    @EnumSource(value = Toolchain.class, names = {"GCC_STATIC", "GCC_DYNAMIC_PIE", "ARMHF_STATIC", "S390X_STATIC"})
    void strippedFileHasNoSymtabButKeepsWhatStartsIt(Toolchain toolchain) throws Exception {
        Path full = TestExecutables.hello(toolchain);
        Path stripped = TestExecutables.compile(toolchain, TestExecutables.HELLO, List.of("-s"));
        ElfFile fullElf = ElfReader.read(full);
        ElfFile strippedElf = ElfReader.read(stripped);

        assertThat(fullElf.section(".symtab")).isPresent();
        assertThat(strippedElf.section(".symtab")).isEmpty();
        assertThat(strippedElf.sections().stream().map(Section::name).toList())
                .isEqualTo(new Readelf(stripped).sections().stream().map(Readelf.SectionRow::name).toList());
        assertThat(strippedElf.interpreter()).isEqualTo(fullElf.interpreter());
        assertThat(strippedElf.needed()).isEqualTo(fullElf.needed());
    }

    @Test
    void relocatableObjectReadsAsRelWithoutProgramHeaders() throws Exception {
        Path object = TestExecutables.compile(Toolchain.GCC_NO_PIE, TestExecutables.HELLO, List.of("-c"));
        ElfFile elf = ElfReader.read(object);
        Readelf readelf = new Readelf(object);

        assertThat(elf.header().type()).isEqualTo(ElfType.REL);
        assertThat(readelf.headerField("Type")).startsWith("REL ");
        assertThat(elf.programHeaders()).isEmpty();
        assertThat(elf.interpreter()).isEmpty();
        assertThat(elf.dynamic()).isEmpty();
        assertThat(elf.sections().stream().map(Section::name).toList())
                .contains(".text", ".symtab")
                .isEqualTo(readelf.sections().stream().map(Readelf.SectionRow::name).toList());
    }
}
