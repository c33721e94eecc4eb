package io.github.scratchimage.image;

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
}
