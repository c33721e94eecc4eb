package io.github.scratchimage.image;

import io.github.scratchimage.failure.Fault;

/** An image reference or tag that is not valid, e.g. upper case in a repository name. */
public class InvalidReferenceException extends ImageBuildException {
    private final String value;

    public InvalidReferenceException(String value) {
        super("invalid image reference or tag: '" + value + "'");
        this.value = value;
    }

    public String value() {
        return value;
    }

    @Override
    public Fault fault() {
        return Fault.USER;
    }
}
