package io.github.scratchimage.analysis;

/** The {@code <linkage>} parameter: which executables may go into a scratch image. */
public enum LinkagePolicy {
    /** Only executables that start from an empty filesystem (the default). */
    STATIC,
    /** Dynamic executables too: their libraries are bundled into the image. */
    BUNDLE,
    /** Anything: the user takes responsibility for what the program loads. */
    ANY;

    public boolean allows(Linkage linkage) {
        return this != STATIC || linkage.startsFromScratch();
    }
}
