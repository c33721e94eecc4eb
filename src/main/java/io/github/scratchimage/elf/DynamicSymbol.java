package io.github.scratchimage.elf;

/** An entry of the dynamic symbol table; {@code defined} is false for imports ({@code SHN_UNDEF}). */
public record DynamicSymbol(String name, int type, int binding, boolean defined) {
    public static final int STT_FUNC = 2;
    public static final int STB_WEAK = 2;
}
