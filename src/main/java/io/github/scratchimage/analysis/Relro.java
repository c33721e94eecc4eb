package io.github.scratchimage.analysis;

/** Read-only relocations, as checksec reports them. */
public enum Relro {
    NONE, PARTIAL, FULL
}
