package io.github.scratchimage.image.content;

import io.github.scratchimage.failure.InvalidInputException;

/**
 * An extra directory cannot go into the image as configured: it does not exist, its {@code into}
 * is not an absolute path, one of its files would replace what the plugin puts in the image, it
 * holds a link the image cannot represent, or a permission is malformed or setuid without
 * {@code allowSetuid}. The configuration or the directory is at fault, so the user fixes it;
 * {@link #value()} is the path or setting concerned.
 */
public final class ExtraDirectoryException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public ExtraDirectoryException(String value, String problem, String fix) {
        super(value + " " + problem + ": " + fix, value, problem, fix);
    }

    public String value() {
        return subject();
    }
}
