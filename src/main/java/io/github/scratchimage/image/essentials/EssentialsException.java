package io.github.scratchimage.image.essentials;

import io.github.scratchimage.failure.InvalidInputException;

/**
 * A runtime essential cannot be made from what the configuration names: an unknown time zone, a
 * PEM file that holds no certificate, a user the image does not define. The user's
 * configuration is at fault; {@link #value()} is what they wrote, {@link #fix()} what to do.
 */
public final class EssentialsException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public EssentialsException(String value, String problem, String fix) {
        super(value + ": " + problem + "; " + fix, value, problem, fix);
    }

    public String value() {
        return subject();
    }
}
