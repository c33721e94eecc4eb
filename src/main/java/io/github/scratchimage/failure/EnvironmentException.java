package io.github.scratchimage.failure;



/** Reading or writing a file failed, or a tool the build runs did: not the configuration's fault. */
public class EnvironmentException extends ScratchException {
    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Fault fault() {
        return Fault.ENVIRONMENT;
    }
}
