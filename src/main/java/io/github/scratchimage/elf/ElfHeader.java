package io.github.scratchimage.elf;

import java.nio.ByteOrder;

/**
 * The ELF header, with the fields named as in the spec ({@code e_type} is {@link #type()},
 * {@code e_machine} is {@link #machine()}, {@code EI_OSABI} is {@link #osAbi()}).
 */
public record ElfHeader(
        ElfClass elfClass,
        ByteOrder byteOrder,
        int osAbi,
        ElfType type,
        int rawType,
        int machine,
        long entry,
        long programHeaderOffset,
        long sectionHeaderOffset,
        int flags,
        int programHeaderEntrySize,
        int programHeaderCount,
        int sectionHeaderEntrySize,
        int sectionHeaderCount,
        int sectionNameTableIndex) {
}
