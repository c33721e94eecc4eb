package io.github.scratchimage.analysis;

/** How an executable gets its code at start: what the kernel must find besides the file itself. */
public enum Linkage {
    /** {@code ET_EXEC}, no interpreter: starts in an empty filesystem. */
    STATIC,
    /** {@code ET_DYN}, no interpreter: relocates itself, starts in an empty filesystem. */
    STATIC_PIE,
    /** Has {@code PT_INTERP}: the kernel loads the dynamic loader, which loads the libraries. */
    DYNAMIC;

    public boolean startsFromScratch() {
        return this != DYNAMIC;
    }
}
