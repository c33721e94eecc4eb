package io.github.scratchimage.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Byte-level edits of real executables, for cases no linker option produces. */
final class TestFiles {
    private TestFiles() {
    }

    /**
     * A copy with e_shoff, e_shnum and e_shstrndx zeroed, as sstrip-style tools leave a file: the
     * kernel and ld.so never look at section headers, so the reader must not need them either.
     */
    static byte[] withoutSectionHeaders(Path elf) throws IOException {
        byte[] bytes = Files.readAllBytes(elf);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(bytes[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (bytes[4] == 2) {
            b.putLong(40, 0).putShort(60, (short) 0).putShort(62, (short) 0);
        } else {
            b.putInt(32, 0).putShort(48, (short) 0).putShort(50, (short) 0);
        }
        return bytes;
    }
}
