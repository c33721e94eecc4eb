package io.github.scratchimage.elf;

/** {@code e_type}. */
public enum ElfType {
    NONE, REL, EXEC, DYN, CORE, OTHER;

    static ElfType of(int eType) {
        return switch (eType) {
            case 0 -> NONE;
            case 1 -> REL;
            case 2 -> EXEC;
            case 3 -> DYN;
            case 4 -> CORE;
            default -> OTHER;
        };
    }
}
