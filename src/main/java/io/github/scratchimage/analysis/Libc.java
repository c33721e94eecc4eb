package io.github.scratchimage.analysis;

/** The C library an executable was built against, as far as its headers tell. */
public enum Libc {
    GLIBC,
    MUSL,
    /** No C library at all (a Go program built with CGO_ENABLED=0). */
    NONE,
    /** A static executable that carries no mark of its C library (static musl looks like this). */
    UNKNOWN
}
