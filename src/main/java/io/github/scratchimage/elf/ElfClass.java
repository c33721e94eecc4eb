package io.github.scratchimage.elf;

/** {@code EI_CLASS}: the width of addresses and offsets. */
public enum ElfClass {
    ELF32(32),
    ELF64(64);

    private final int bits;

    ElfClass(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }
}
