package io.github.scratchimage.maven;

/** Every user property the plugin reads, in one place: they are part of the documented contract. */
public final class PropertyNames {
    public static final String SKIP = "scratch.skip";
    public static final String EXECUTABLE = "scratch.executable";
    public static final String LINKAGE = "scratch.linkage";
    public static final String SYSROOT = "scratch.sysroot";

    private PropertyNames() {
    }
}
