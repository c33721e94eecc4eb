package io.github.scratchimage.image;

import io.github.scratchimage.failure.Fault;
import io.github.scratchimage.failure.ScratchException;

/**
 * A build or delivery failed. Subclasses carry the data the caller needs to phrase the fix;
 * this base class covers I/O, registry protocol and CLI failures. Messages never contain a
 * password or terminal colour codes.
 */
public class ImageBuildException extends ScratchException {

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }

    public ImageBuildException(String message) {
        super(message, null);
    }

    @Override
    public Fault fault() {
        return Fault.ENVIRONMENT;
    }
}
