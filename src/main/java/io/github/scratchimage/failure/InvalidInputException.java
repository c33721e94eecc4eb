package io.github.scratchimage.failure;



/**
 * The user's input cannot be used: a parameter value, the executable, an archive or directory it
 * names. Subclasses carry extra data for tests and tools; the message stands alone.
 */
public class InvalidInputException extends ScratchException {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String problem;
    private final String fix;

    public InvalidInputException(String message) {
        this(message, (Throwable) null);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
        this.subject = null;
        this.problem = null;
        this.fix = null;
    }

    /**
     * For the subclasses that name a value, its problem and the fix as separate data (tools and
     * tests read them); {@code message} is how the three read as one sentence.
     */
    protected InvalidInputException(String message, String subject, String problem, String fix) {
        super(message, null);
        this.subject = subject;
        this.problem = problem;
        this.fix = fix;
    }

    /** The value, file or parameter at fault, or null when the message is all there is. */
    public String subject() {
        return subject;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
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
