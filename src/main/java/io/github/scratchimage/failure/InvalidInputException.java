package io.github.scratchimage.failure;



/**
 * The user's input cannot be used: a parameter value, the executable, an archive or directory it
 * names. Subclasses carry extra data for tests and tools; the message stands alone.
 */
public class InvalidInputException extends ScratchException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message, null);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "<subject> <problem>: <fix>"}, the shape most messages take. */
    public static InvalidInputException of(String subject, String problem, String fix) {
        return new InvalidInputException(subject + " " + problem + ": " + fix);
    }

    @Override
    public final Fault fault() {
        return Fault.USER;
    }
}
