package io.github.scratchimage.elf;

/**
 * The bytes are not a well-formed ELF file. The message always names the file, the offset at
 * which reading went wrong and the value found there, so a user can check it with {@code readelf}.
 */
public final class ElfFormatException extends Exception {
    private final String file;
    private final long offset;

    public ElfFormatException(String file, long offset, String problem) {
        super(file + ": " + problem + " (at offset " + offset + " / 0x" + Long.toHexString(offset) + ")");
        this.file = file;
        this.offset = offset;
    }

    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
