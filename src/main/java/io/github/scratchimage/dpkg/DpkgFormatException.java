package io.github.scratchimage.dpkg;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file of the dpkg database is not in the format dpkg writes. The message names the file and
 * the line, and says what was expected there.
 */
public final class DpkgFormatException extends IOException {
    private final Path file;
    private final int line;

    DpkgFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
