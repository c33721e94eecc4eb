package io.github.scratchimage.elf;

import java.util.HexFormat;

/** An ELF note from a {@code PT_NOTE} segment. */
public record Note(String owner, int type, byte[] descriptor) {
    public static final int NT_GNU_ABI_TAG = 1;
    public static final int NT_GNU_BUILD_ID = 3;
    public static final int NT_GO_BUILD_ID = 4;

    public boolean isGnuBuildId() {
        return "GNU".equals(owner) && type == NT_GNU_BUILD_ID;
    }

    public boolean isGnuAbiTag() {
        return "GNU".equals(owner) && type == NT_GNU_ABI_TAG;
    }

    public boolean isGoBuildId() {
        return "Go".equals(owner) && type == NT_GO_BUILD_ID;
    }

    public String descriptorHex() {
        return HexFormat.of().formatHex(descriptor);
    }
}
