package io.github.scratchimage.elf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reads every kind of executable the toolchains produce and checks each fact against readelf on
 * the same file, so the reader is proven on real linker output rather than on hand-made bytes.
 */
class ElfReaderTest {
    /** readelf prints e_machine as a name; these are the machines the toolchains target. */
    private static final Map<Integer, String> READELF_MACHINE_NAMES = Map.of(
            62, "Advanced Micro Devices X86-64",
            183, "AArch64",
            40, "ARM",
            22, "IBM S/390");

    private static final Set<String> NAMED_SEGMENT_TYPES = Stream.of(SegmentType.values())
            .filter(t -> t != SegmentType.OTHER).map(Enum::name).collect(Collectors.toSet());

    @ParameterizedTest
    @EnumSource(Toolchain.class)
    void headerMatchesReadelf(Toolchain toolchain) throws Exception {
        Path hello = TestExecutables.hello(toolchain);
        ElfHeader header = ElfReader.read(hello).header();
        Readelf readelf = new Readelf(hello);

        assertThat(header.elfClass().name()).isEqualTo(readelf.headerField("Class"));
        assertThat(readelf.headerField("Data"))
                .endsWith(header.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little endian" : "big endian");
        assertThat(readelf.headerField("Type")).startsWith(header.type().name() + " ");
        assertThat(readelf.headerField("Machine")).isEqualTo(READELF_MACHINE_NAMES.get(header.machine()));
        assertThat(header.entry()).isEqualTo(Long.decode(readelf.headerField("Entry point address")));
        assertThat(header.programHeaderCount())
                .isEqualTo(Integer.parseInt(readelf.headerField("Number of program headers")));
    }

    @ParameterizedTest
    @EnumSource(Toolchain.class)
    void programHeadersMatchReadelfInOrder(Toolchain toolchain) throws Exception {
        Path hello = TestExecutables.hello(toolchain);
        List<ProgramHeader> ours = ElfReader.read(hello).programHeaders();
        List<Readelf.Segment> theirs = new Readelf(hello).segments();

        assertThat(ours).hasSameSizeAs(theirs).isNotEmpty();
        for (int i = 0; i < ours.size(); i++) {
            ProgramHeader p = ours.get(i);
            Readelf.Segment r = theirs.get(i);
            if (p.type() == SegmentType.OTHER) {
                assertThat(NAMED_SEGMENT_TYPES).as("segment %d", i).doesNotContain(r.type());
            } else {
                assertThat(p.type().name()).as("segment %d", i).isEqualTo(r.type());
            }
            assertThat(new long[] {p.offset(), p.virtualAddress(), p.fileSize(), p.memorySize()}).as("segment %d", i)
                    .containsExactly(r.offset(), r.virtualAddress(), r.fileSize(), r.memorySize());
        }
    }

    @ParameterizedTest
    @EnumSource(Toolchain.class)
    void interpreterAndNeededLibrariesMatchReadelf(Toolchain toolchain) throws Exception {
        Path hello = TestExecutables.hello(toolchain);
        ElfFile elf = ElfReader.read(hello);
        Readelf readelf = new Readelf(hello);

        assertThat(elf.interpreter()).isEqualTo(readelf.interpreter());
        assertThat(elf.dynamic().isPresent()).isEqualTo(readelf.hasDynamicSection());
        assertThat(elf.needed()).isEqualTo(readelf.dynamicStrings("NEEDED"));
    }

    @ParameterizedTest
    @EnumSource(Toolchain.class)
    void buildIdNoteMatchesReadelf(Toolchain toolchain) throws Exception {
        Path hello = TestExecutables.hello(toolchain);
        List<String> ours = ElfReader.read(hello).notes().stream()
                .filter(Note::isGnuBuildId).map(Note::descriptorHex).toList();

        assertThat(ours).isEqualTo(new Readelf(hello).buildIds());
    }

    @ParameterizedTest
    @EnumSource(Toolchain.class)
    void sectionNamesOffsetsAndSizesMatchReadelf(Toolchain toolchain) throws Exception {
        Path hello = TestExecutables.hello(toolchain);
        List<Readelf.SectionRow> ours = ElfReader.read(hello).sections().stream()
                .map(s -> new Readelf.SectionRow(s.name(), s.offset(), s.size())).toList();

        assertThat(ours).isEqualTo(new Readelf(hello).sections());
    }

    @ParameterizedTest
    @EnumSource(Toolchain.class)
    void dynamicSymbolsMatchReadelf(Toolchain toolchain) throws Exception {
        Path hello = TestExecutables.hello(toolchain);
        ElfFile elf = ElfReader.read(hello);

        assertThat(symbolsOf(elf)).isEqualTo(new Readelf(hello).dynamicSymbols());
    }

    @ParameterizedTest
    @EnumSource(Toolchain.class)
    void withoutSectionHeadersTheProgramHeadersStillGiveInterpreterNeededAndSymbols(Toolchain toolchain)
            throws Exception {
        Path hello = TestExecutables.hello(toolchain);
        ElfFile withSections = ElfReader.read(hello);
        ElfFile withoutSections = ElfReader.read("sectionless", TestFiles.withoutSectionHeaders(hello));
        Readelf readelf = new Readelf(hello);

        assertThat(withoutSections.sections()).isEmpty();
        assertThat(withoutSections.interpreter()).isEqualTo(readelf.interpreter());
        assertThat(withoutSections.needed()).isEqualTo(readelf.dynamicStrings("NEEDED"));
        assertThat(withoutSections.programHeaders()).isEqualTo(withSections.programHeaders());
        // Without .dynsym the count comes from DT_HASH or DT_GNU_HASH. A GNU hash in which no
        // symbol is hashed (an executable exporting nothing) does not tell how many imports
        // precede its symoffset, so fewer may be found; readelf -D finds none at all there.
        List<Readelf.Symbol> all = readelf.dynamicSymbols();
        List<Readelf.Symbol> found = symbolsOf(withoutSections);
        assertThat(found.size()).isLessThanOrEqualTo(all.size());
        assertThat(found).isEqualTo(all.subList(0, found.size()));
    }

    static List<Readelf.Symbol> symbolsOf(ElfFile elf) {
        return elf.dynamic().map(DynamicSection::symbols).orElse(List.of()).stream()
                .filter(s -> s.type() != 3) // STT_SECTION: readelf names these after their section
                .map(s -> new Readelf.Symbol(s.name(), Readelf.symbolTypeName(s.type()),
                        Readelf.bindingName(s.binding()), s.defined()))
                .toList();
    }
}
