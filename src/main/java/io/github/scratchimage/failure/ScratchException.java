package io.github.scratchimage.failure;



/**
 * Every failure the core reports. Its message is complete and says a thing once: what is wrong,
 * with the value or file concerned, and the fix, in the user's words (POM elements and
 * {@code scratch.*} properties). Front ends only choose how to report it by {@link #fault()}.
 * Messages never contain a password or terminal colour codes.
 */
public abstract class ScratchException extends Exception {
    private static final long serialVersionUID = 1L;

    protected ScratchException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Fault fault();
}
