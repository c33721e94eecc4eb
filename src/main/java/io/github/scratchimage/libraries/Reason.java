package io.github.scratchimage.libraries;

/** Why a file is in the image. */
public enum Reason {
    /** The program's {@code PT_INTERP}: the kernel starts it first. */
    INTERPRETER,
    /** A {@code DT_NEEDED} entry of an object in the closure. */
    NEEDED,
    /** glibc dlopens it at run time (libgcc_s for thread cancellation, libnss_* for lookups). */
    COMPANION,
    /** Named in the request's {@code extraLibraries}. */
    EXTRA
}
