package io.github.scratchimage.analysis.golang;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ProgramHeader;
import io.github.scratchimage.elf.SegmentType;
import io.github.scratchimage.elf.FileBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of the executable, in bounded pieces of its mapping (shared with the ELF parse and the
 * other steps that read it). The size is the file's own, not the one the ELF model was read with:
 * the model may describe another version of the file.
 */
final class GoFile {
    /** Past this the magic search stops, as the read-only string scan does. */
    static final long MAX_SCANNED_BYTES = 512L * 1024 * 1024;

    private final String name;
    private final FileBytes bytes;
    private final long size;
    private final ByteOrder order;

    GoFile(FileBytes bytes, ElfFile elf) {
        this.name = bytes.path().toString();
        this.bytes = bytes;
        this.size = bytes.size();
        this.order = elf.header().byteOrder();
    }

    long size() {
        return size;
    }

    ByteOrder order() {
        return order;
    }

    /** Exactly {@code length} bytes at {@code offset}, in the file's byte order. */
    ByteBuffer read(long offset, long length, String what) throws NotUnderstood {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new NotUnderstood(what + " needs " + length + " bytes at offset " + offset + ", but " + name
                    + " has " + size + " bytes");
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new NotUnderstood(what + " claims " + length + " bytes, more than can be read");
        }
        return bytes.slice(offset, (int) length).order(order);
    }

    /** Up to {@code length} bytes at {@code offset}, fewer where the file ends. */
    ByteBuffer readUpTo(long offset, int length) {
        if (offset < 0 || offset >= size || length <= 0) {
            return ByteBuffer.allocate(0).order(order);
        }
        return bytes.slice(offset, (int) Math.min(length, size - offset)).order(order);
    }

    /** The file-backed parts of the PT_LOAD segments as {offset, end} pairs, clipped to the file. */
    List<long[]> loadedRanges(ElfFile elf) {
        List<long[]> ranges = new ArrayList<>();
        for (ProgramHeader p : elf.programHeaders()) {
            if (p.type() == SegmentType.LOAD) {
                long[] range = clip(p.offset(), p.fileSize());
                if (range != null) {
                    ranges.add(range);
                }
            }
        }
        return ranges;
    }

    /** {offset, end} within the file, or null when nothing of it is in the file. */
    long[] clip(long offset, long length) {
        if (offset < 0 || length <= 0 || offset >= size) {
            return null;
        }
        return new long[] {offset, offset + Math.min(length, size - offset)};
    }
}
