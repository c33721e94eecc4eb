package io.github.scratchimage.analysis;

import io.github.scratchimage.failure.InvalidInputException;

/**
 * A well-formed ELF file that cannot be the entrypoint of a Linux image: an object file, a shared
 * library, a core dump, or an architecture no OCI platform names.
 */
public final class UnsupportedExecutableException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public UnsupportedExecutableException(String file, String problem, String fix) {
        super(file + " " + problem + ": " + fix, file, problem, fix);
    }

    public String file() {
        return subject();
    }
}
