package io.github.scratchimage.elf;

import java.util.List;
import java.util.Optional;

/** The parts of an ELF file that decide whether and how it starts, read by {@link ElfReader}. */
public record ElfFile(
        String name,
        long fileSize,
        ElfHeader header,
        List<ProgramHeader> programHeaders,
        Optional<String> interpreter,
        Optional<DynamicSection> dynamic,
        List<Note> notes,
        List<Section> sections) {

    public ElfFile {
        programHeaders = List.copyOf(programHeaders);
        notes = List.copyOf(notes);
        sections = List.copyOf(sections);
    }

    public Optional<ProgramHeader> segment(SegmentType type) {
        return programHeaders.stream().filter(p -> p.type() == type).findFirst();
    }

    public Optional<Section> section(String sectionName) {
        return sections.stream().filter(s -> s.name().equals(sectionName)).findFirst();
    }

    public List<String> needed() {
        return dynamic.map(DynamicSection::needed).orElse(List.of());
    }
}
