package io.github.scratchimage.analysis;

import io.github.scratchimage.failure.InvalidInputException;

/**
 * A well-formed ELF file that cannot be the entrypoint of a Linux image: an object file, a shared
 * library, a core dump, or an architecture no OCI platform names.
 */
public final class UnsupportedExecutableException extends InvalidInputException {
    private final String file;
    private final String problem;
    private final String fix;

    public UnsupportedExecutableException(String file, String problem, String fix) {
        super(file + " " + problem + ": " + fix);
        this.file = file;
        this.problem = problem;
        this.fix = fix;
    }

    public String file() {
        return file;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
