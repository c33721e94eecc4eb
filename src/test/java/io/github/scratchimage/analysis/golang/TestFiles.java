package io.github.scratchimage.analysis.golang;

import io.github.scratchimage.elf.ElfClass;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.Section;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Edits of real binaries: the few byte changes a test needs, made on a copy. */
final class TestFiles {
    private TestFiles() {
    }

    static Path copy(Path from, Path to) throws IOException {
        return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What {@code sstrip} leaves: e_shoff, e_shnum and e_shstrndx zero; the kernel needs none of them. */
    static Path withoutSectionHeaders(Path from, Path to) throws IOException {
        ElfFile elf = GoTools.elf(from);
        copy(from, to);
        boolean is64 = elf.header().elfClass() == ElfClass.ELF64;
        try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ByteBuffer shoff = ByteBuffer.allocate(is64 ? 8 : 4);
            channel.write(shoff, is64 ? 0x28 : 0x20);
            channel.write(ByteBuffer.allocate(2), is64 ? 0x3c : 0x30);
            channel.write(ByteBuffer.allocate(2), is64 ? 0x3e : 0x32);
        }
        return to;
    }

    static void writeU32(Path file, long offset, long value) throws IOException {
        ElfFile elf = GoTools.elf(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).order(elf.header().byteOrder()).putInt(0, (int) value), offset);
        }
    }

    static void truncate(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }

    static List<String> sectionNames(Path binary) {
        return GoTools.elf(binary).sections().stream().map(Section::name).toList();
    }
}
