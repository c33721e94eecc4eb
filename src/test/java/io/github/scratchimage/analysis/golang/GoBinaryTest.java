package io.github.scratchimage.analysis.golang;

import static io.github.scratchimage.analysis.golang.GoPrograms.HELLO;
import static io.github.scratchimage.analysis.golang.GoPrograms.NEEDS;
import static io.github.scratchimage.analysis.golang.GoPrograms.STRIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.golang.GoTools.VersionM;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.Section;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against real go1.19 builds, compared with what {@code go version -m} and {@code go tool nm} say. */
class GoBinaryTest {
    @TempDir
    Path temp;

    @Test
    void buildInformationIsWhatGoVersionMPrints() {
        Path binary = GoPrograms.build("replaced", GoPrograms.REPLACED, "app",
                List.of("-ldflags=-s -w -X main.suffix=!"), Map.of());
        GoBinary go = read(binary);
        VersionM reference = GoTools.versionM(binary);

        assertThat(go.goVersion()).contains(reference.goVersion()).get().asString().startsWith("go1.");
        assertThat(go.mainPackage()).contains(reference.of("path").get(0).get(0)).contains("example.com/app");
        assertThat(go.mainModule()).contains(new GoModule("example.com/app", "(devel)", "", Optional.empty()));
        assertThat(reference.of("mod")).containsExactly(List.of("example.com/app", "(devel)"));
        // The dependency keeps the version it was required at; the replacement is where the code came from.
        assertThat(go.dependencies()).containsExactly(new GoModule("example.com/greeting", "v1.2.3", "",
                Optional.of(new GoModule("../greeting", "(devel)", "", Optional.empty()))));
        assertThat(reference.of("dep")).containsExactly(List.of("example.com/greeting", "v1.2.3"));
        assertThat(reference.of("=>")).containsExactly(List.of("../greeting", "(devel)"));

        assertThat(go.buildSettings().keySet()).containsExactlyElementsOf(reference.rawBuildSettings().keySet());
        assertThat(reference.rawBuildSettings()).containsEntry("-ldflags", "\"-s -w -X main.suffix=!\"");
        assertThat(go.buildSetting("-ldflags")).contains("-s -w -X main.suffix=!");
        assertThat(go.buildSetting("CGO_ENABLED")).contains("0");
        assertThat(go.buildSetting("GOARCH")).contains("amd64");
        reference.rawBuildSettings().forEach((key, value) -> {
            if (!value.startsWith("\"")) {
                assertThat(go.buildSettings()).containsEntry(key, value);
            }
        });
        assertThat(go.notUnderstood()).isEmpty();
        assertThat(go.functions()).contains("main.main", "example.com/greeting.Hello");
    }

    @Test
    void functionsAreWhatGoToolNmListsAndStrippingKeepsThem() {
        Path plain = GoPrograms.build("needs", NEEDS);
        Path stripped = GoPrograms.build("needs", NEEDS, STRIP);
        GoBinary go = read(plain);

        assertThat(go.functionNamesRead()).isTrue();
        assertThat(GoTools.asNmPrintsThem(go.functions())).containsAll(GoTools.nmFunctions(plain));
        // Beyond the symbol table: functions that exist only inlined into their callers.
        assertThat(GoTools.nmFunctions(plain)).doesNotContain("os.TempDir");
        assertThat(go.functions()).contains("os.TempDir");

        assertThat(TestFiles.sectionNames(stripped)).doesNotContain(".symtab");
        GoBinary strippedGo = read(stripped);
        assertThat(strippedGo.functions()).isEqualTo(go.functions());
        assertThat(strippedGo.buildSetting("-ldflags")).contains("-s -w");
        assertThat(strippedGo.goVersion()).isEqualTo(go.goVersion());
    }

    /** A 32-bit and a big-endian target: pointer size and byte order come from the file. */
    @Test
    void readsOtherArchitectures() {
        for (String arch : List.of("386", "s390x")) {
            Path plain = GoPrograms.build("needs", NEEDS, List.of(), Map.of("GOARCH", arch));
            Path stripped = GoPrograms.build("needs", NEEDS, List.of(STRIP), Map.of("GOARCH", arch));
            GoBinary go = read(plain);
            assertThat(go.buildSetting("GOARCH")).as(arch).contains(arch);
            assertThat(GoTools.asNmPrintsThem(go.functions())).as(arch).containsAll(GoTools.nmFunctions(plain));
            assertThat(go.functions()).as(arch).contains("time.LoadLocation", "main.main");
            assertThat(read(stripped).functions()).as(arch).isEqualTo(go.functions());
        }
    }

    /** An sstrip-ed file: no section headers, so both tables are found by their magic in the segments. */
    @Test
    void findsTheTablesWithoutSectionHeaders() throws IOException {
        Path stripped = GoPrograms.build("needs", NEEDS, STRIP);
        Path noSections = TestFiles.withoutSectionHeaders(stripped, temp.resolve("no-sections"));
        ElfFile elf = GoTools.elf(noSections);
        assertThat(elf.sections()).isEmpty();

        assertThat(GoBinary.read(noSections, elf)).contains(read(stripped));
    }

    /** An externally linked PIE: ld merges the pclntab into .data.rel.ro, and no section names it. */
    @Test
    void findsThePclntabMergedIntoRelocatedData() {
        Path pie = GoPrograms.build("hello", HELLO, "-buildmode=pie", "-ldflags=-linkmode=external");
        assertThat(TestFiles.sectionNames(pie)).contains(".data.rel.ro", ".go.buildinfo")
                .doesNotContainAnyElementsOf(PclnTable.SECTION_NAMES);
        GoBinary go = read(pie);
        assertThat(go.functionNamesRead()).isTrue();
        assertThat(GoTools.asNmPrintsThem(go.functions())).containsAll(GoTools.nmFunctions(pie));
        assertThat(go.buildSetting("-ldflags")).contains("-linkmode=external");
    }

    /** Go 1.20 changed only the magic of the 1.18 layout (its new fields are elsewhere). */
    @Test
    void acceptsTheGo120Magic() throws IOException {
        Path stripped = GoPrograms.build("hello", HELLO, STRIP);
        Path go120 = TestFiles.copy(stripped, temp.resolve("go120"));
        TestFiles.writeU32(go120, pclntab(stripped).offset(), 0xfffffff1L);

        assertThat(read(go120).functions()).isEqualTo(read(stripped).functions());
    }

    /**
     * Go 1.16/1.17: no {@code textStart} in the header, pointer-sized function table entries. No
     * such toolchain is at hand, so the table is built as Go 1.16's runtime/symtab.go lays it out
     * ({@link SyntheticPclntab}), from the names of a real build, and put where the real table was.
     */
    @Test
    void readsTheGo116Layout() throws IOException {
        Path stripped = GoPrograms.build("hello", HELLO, STRIP);
        Set<String> names = read(stripped).functions();
        Path go116 = TestFiles.copy(stripped, temp.resolve("go116"));
        byte[] table = SyntheticPclntab.of(0xfffffffaL, 8, ByteOrder.LITTLE_ENDIAN, new TreeSet<>(names));
        Section section = pclntab(stripped);
        assertThat((long) table.length).isLessThan(section.size());
        try (FileChannel channel = FileChannel.open(go116, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(table), section.offset());
        }

        assertThat(read(go116).functions()).isEqualTo(names);
        assertThat(read(go116).functionNamesRead()).isTrue();
    }

    @Test
    void anOlderLayoutIsReportedNotGuessed() throws IOException {
        Path stripped = GoPrograms.build("hello", HELLO, STRIP);
        Path go115 = TestFiles.copy(stripped, temp.resolve("go115"));
        TestFiles.writeU32(go115, pclntab(stripped).offset(), 0xfffffffbL);

        GoBinary go = read(go115);
        assertThat(go.functionNamesRead()).isFalse();
        assertThat(go.functions()).isEmpty();
        assertThat(go.notUnderstood()).singleElement().asString().contains("Go 1.2 to 1.15", ".gopclntab");
        assertThat(go.goVersion()).isEqualTo(read(stripped).goVersion());
    }

    /** Cut anywhere: what is still there is read, what is gone is said, nothing throws. */
    @Test
    void aTruncatedFileGivesWhatIsLeft() throws IOException {
        Path stripped = GoPrograms.build("needs", NEEDS, STRIP);
        ElfFile elf = GoTools.elf(stripped);
        Section buildInfo = elf.section(BuildInfo.SECTION).orElseThrow();
        Section pclntab = pclntab(stripped);
        assertThat(pclntab.offset()).isLessThan(buildInfo.offset());
        Path cut = TestFiles.copy(stripped, temp.resolve("cut"));

        TestFiles.truncate(cut, buildInfo.offset() + 20);
        GoBinary noBuildInfo = GoBinary.read(cut, elf).orElseThrow();
        assertThat(noBuildInfo.functions()).isEqualTo(read(stripped).functions());
        assertThat(noBuildInfo.goVersion()).isEmpty();
        assertThat(noBuildInfo.notUnderstood()).singleElement().asString().contains(".go.buildinfo", "bytes");

        TestFiles.truncate(cut, pclntab.offset() + pclntab.size() / 2);
        GoBinary nothing = GoBinary.read(cut, elf).orElseThrow();
        assertThat(nothing.functionNamesRead()).isFalse();
        assertThat(nothing.notUnderstood()).hasSize(2);

        long size = Files.size(cut);
        for (long length = size; length >= 0; length -= size / 97 + 1) {
            TestFiles.truncate(cut, length);
            Optional<GoBinary> go = GoBinary.read(cut, elf);
            assertThat(go).as("cut at %d", length).isPresent(); // the section names alone say it is Go
        }
    }

    /**
     * Every header byte of both tables set to values that break them: a result or empty, never
     * an exception, and never names from a table whose header was not trusted.
     */
    @Test
    void corruptHeadersNeverThrow() throws IOException {
        for (boolean withSections : List.of(true, false)) {
            Path stripped = GoPrograms.build("hello", HELLO, STRIP);
            Path file = withSections ? TestFiles.copy(stripped, temp.resolve("corrupt"))
                    : TestFiles.withoutSectionHeaders(stripped, temp.resolve("corrupt-no-sections"));
            ElfFile elf = GoTools.elf(file);
            List<Long> offsets = new ArrayList<>();
            long table = pclntab(stripped).offset();
            long info = GoTools.elf(stripped).section(BuildInfo.SECTION).orElseThrow().offset();
            for (int i = 0; i < 72; i++) {
                offsets.add(table + i);
            }
            for (int i = 0; i < 64; i++) {
                offsets.add(info + i);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (long offset : offsets) {
                    ByteBuffer original = ByteBuffer.allocate(1);
                    channel.read(original, offset);
                    byte was = original.get(0);
                    for (int value : new int[] {0, 0xff, 0x7f, 0x80, was ^ 1, was ^ 0x40}) {
                        channel.write(ByteBuffer.wrap(new byte[] {(byte) value}), offset);
                        Optional<GoBinary> go = GoBinary.read(file, elf);
                        go.ifPresent(binary -> {
                            assertThat(binary.functionNamesRead()).isEqualTo(!binary.functions().isEmpty());
                            assertThat(binary.notUnderstood()).allSatisfy(note -> assertThat(note).isNotBlank());
                        });
                    }
                    channel.write(ByteBuffer.wrap(new byte[] {was}), offset);
                }
            }
            assertThat(GoBinary.read(file, elf)).as("restored").contains(read(stripped));
        }
    }

    @Test
    void aCProgramIsNotGo() throws IOException {
        for (Toolchain toolchain : List.of(Toolchain.GCC_STATIC, Toolchain.GCC_DYNAMIC_PIE)) {
            Path c = TestExecutables.hello(toolchain);
            assertThat(GoBinary.read(c, GoTools.elf(c))).as(toolchain.name()).isEmpty();
            Path noSections = TestFiles.withoutSectionHeaders(c, temp.resolve("c-" + toolchain));
            assertThat(GoBinary.read(noSections, GoTools.elf(noSections))).as(toolchain.name()).isEmpty();
        }
    }

    /**
     * Go build information inside a C program's data: with section headers the file is judged by
     * its section names and not searched (most executables are C, and a search reads the whole
     * file); without them the segments are searched, and the blob is found.
     */
    @Test
    void segmentsAreSearchedOnlyWithoutSectionHeaders() throws IOException {
        Path c = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, """
                #include <stdio.h>
                /* Build information as Go 1.18+ writes it: magic, pointer size 8, flags 2 (inline
                   strings), zeros to 32 bytes, then the version and the module information. */
                static const unsigned char info[] __attribute__((used)) =
                    "\\xff Go buildinf:\\x08\\x02" "\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"
                    "\\x08" "go1.99.0" "\\x12" "path\\texample.com/c";
                int main(void) { printf("%d\\n", info[1]); return 0; }
                """, List.of());
        assertThat(GoBinary.read(c, GoTools.elf(c))).isEmpty();

        Path noSections = TestFiles.withoutSectionHeaders(c, temp.resolve("c-with-build-info"));
        GoBinary go = GoBinary.read(noSections, GoTools.elf(noSections)).orElseThrow();
        assertThat(go.goVersion()).contains("go1.99.0");
        assertThat(go.mainPackage()).contains("example.com/c");
        assertThat(go.functionNamesRead()).isFalse();
        assertThat(go.notUnderstood()).singleElement().asString().contains("no pclntab");
    }

    private static GoBinary read(Path binary) {
        try {
            return GoBinary.read(binary, GoTools.elf(binary)).orElseThrow(
                    () -> new AssertionError(binary + " was not recognised as Go"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Section pclntab(Path binary) {
        return GoTools.elf(binary).section(".gopclntab").orElseThrow();
    }
}
