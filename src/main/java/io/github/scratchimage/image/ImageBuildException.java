package io.github.scratchimage.image;

/**
 * A build or delivery failed. Subclasses carry the data the caller needs to phrase the fix;
 * this base class covers I/O, registry protocol and CLI failures. Messages never contain a
 * password or terminal colour codes.
 */
public class ImageBuildException extends Exception {

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }

    public ImageBuildException(String message) {
        super(message);
    }
}
