package io.github.scratchimage.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-built files whose tables all point at the same bytes, so a few megabytes expand into
 * billions of objects unless every kind of repetition has a budget. Random mutation of real
 * files never produces these; an attacker-supplied or corrupt build output can.
 */
class ElfReaderResourceBoundsTest {
    private static final int PT_LOAD = 1, PT_DYNAMIC = 2, PT_NOTE = 4;
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    @Test
    void manyNoteSegmentsOverTheSameBytesStayWithinTheNoteBudget() {
        int segments = 0xfffe;
        int notesAt = 64 + segments * 56;
        ByteBuffer b = elf64(notesAt + 65532, segments);
        for (int i = 0; i < segments; i++) {
            programHeader(b, i, PT_NOTE, notesAt, 0, 65532); // 5461 empty notes each
        }

        assertTimeoutPreemptively(QUICKLY, () -> {
            ElfFile elf = ElfReader.read("notes.elf", b.array());
            assertThat(elf.notes()).hasSizeLessThanOrEqualTo(ElfReader.MAX_NOTE_BYTES / 12);
        });
    }

    @Test
    void manySymbolsNamingTheSameLongStringFailWithinTheStringBudget() {
        int symbols = ElfReader.MAX_SYMBOLS - 1;
        int dynamicAt = 64 + 2 * 56;
        int hashAt = dynamicAt + 6 * 16;
        int stringsAt = hashAt + 8;
        int symbolsAt = stringsAt + ElfReader.MAX_STRING + 2;
        ByteBuffer b = elf64(symbolsAt + symbols * 24, 2);
        programHeader(b, 0, PT_LOAD, 0, 0, b.capacity());
        programHeader(b, 1, PT_DYNAMIC, dynamicAt, dynamicAt, 6 * 16);
        b.position(dynamicAt);
        b.putLong(4).putLong(hashAt); // DT_HASH, for the symbol count
        b.putLong(5).putLong(stringsAt); // DT_STRTAB
        b.putLong(10).putLong(ElfReader.MAX_STRING + 2); // DT_STRSZ
        b.putLong(6).putLong(symbolsAt); // DT_SYMTAB
        b.putInt(hashAt, 1).putInt(hashAt + 4, symbols); // nbucket, nchain
        for (int i = 1; i <= ElfReader.MAX_STRING; i++) {
            b.put(stringsAt + i, (byte) 'a'); // one name of 4096 bytes at index 1
        }
        for (int i = 1; i < symbols; i++) {
            b.putInt(symbolsAt + i * 24, 1);
        }

        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> ElfReader.read("symbols.elf", b.array()))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining("symbols.elf")
                .hasMessageContaining("offset"));
    }

    @Test
    void hugeSectionTableInAMultiGigabyteFileFailsBeforeAllocatingIt(@TempDir Path dir) throws Exception {
        Path sparse = dir.resolve("sparse.elf");
        ByteBuffer header = elf64(64, 0);
        header.putLong(40, 64).putShort(58, (short) 32_000).putShort(60, (short) 0xffff); // ~2 GB of entries
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.write(header.array());
            file.setLength(3L << 30); // sparse: no disk used, but the range check passes
        }

        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> ElfReader.read(sparse))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining("section header table")
                .hasMessageContaining("offset"));
    }

    private static ByteBuffer elf64(int size, int programHeaders) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 3).putShort(18, (short) 62).putInt(20, 1);
        b.putLong(32, 64); // e_phoff
        b.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) programHeaders);
        return b;
    }

    private static void programHeader(ByteBuffer b, int index, int type, long offset, long address, long size) {
        int at = 64 + index * 56;
        b.putInt(at, type).putInt(at + 4, 4).putLong(at + 8, offset).putLong(at + 16, address)
                .putLong(at + 24, address).putLong(at + 32, size).putLong(at + 40, size).putLong(at + 48, 4);
    }
}
