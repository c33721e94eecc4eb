package io.github.scratchimage.elf;

/** A section header, present only in unstripped-enough files; the analysis never needs one. */
public record Section(String name, int type, long flags, long address, long offset, long size) {
    public static final int SHT_NOBITS = 8;

    public boolean isDebug() {
        return name.startsWith(".debug_") || name.startsWith(".zdebug_");
    }

    /** Bytes this section occupies in the file ({@code SHT_NOBITS} occupies none). */
    public long sizeInFile() {
        return type == SHT_NOBITS ? 0 : size;
    }
}
