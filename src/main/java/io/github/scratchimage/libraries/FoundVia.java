package io.github.scratchimage.libraries;

/** Which step of the loader's search found a file; it decides whether the image's loader finds it too. */
public enum FoundVia {
    /** The interpreter path from {@code PT_INTERP}, or a name with a slash, opened as a path. */
    PATH,
    /** {@code DT_RPATH} of the object or one of its loaders. */
    RPATH,
    /** The request's library paths ({@code LD_LIBRARY_PATH}): not set in the image unless the caller sets it. */
    LIBRARY_PATH,
    /** {@code DT_RUNPATH} of the object. */
    RUNPATH,
    /** A directory of {@code /etc/ld.so.conf}: the image has no {@code ld.so.cache}. */
    LD_SO_CONF,
    /** A directory of musl's {@code /etc/ld-musl-<arch>.path}, which is not in the image. */
    MUSL_PATH_FILE,
    /** A directory the loader searches by default. */
    DEFAULT_DIRECTORY,
    /** musl: the loader is libc itself and answers for libc, libm, libpthread, ... */
    INTERPRETER_ITSELF;

    /** True when the loader inside the image finds the file only if its directory is in {@code LD_LIBRARY_PATH}. */
    public boolean needsLibraryPathInImage() {
        return this == LIBRARY_PATH || this == LD_SO_CONF || this == MUSL_PATH_FILE;
    }
}
