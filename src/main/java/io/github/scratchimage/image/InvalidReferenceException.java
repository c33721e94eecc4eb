package io.github.scratchimage.image;

import io.github.scratchimage.failure.Fault;
import io.github.scratchimage.parameters.PropertyNames;

/** An image reference or tag that is not valid, e.g. upper case in a repository name. */
public class InvalidReferenceException extends ImageBuildException {
    private final String value;

    public InvalidReferenceException(String value) {
        this(value, "Invalid image reference or tag '" + value + "': use [registry[:port]/]repository[:tag] with a"
                + " lower-case repository, e.g. -D" + PropertyNames.TO_IMAGE + "=registry.example.com/team/app:1.0");
    }

    private InvalidReferenceException(String value, String message) {
        super(message);
        this.value = value;
    }

    /** A {@code <to><tags>} entry that no registry accepts: the message states the tag grammar. */
    public static InvalidReferenceException tag(String tag) {
        return new InvalidReferenceException(tag, "Invalid tag '" + tag + "' in <to><tags> (" + PropertyNames.TO_TAGS
                + "): a tag is 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'");
    }

    /** A digest in {@code <to><image>}: the digest is the result of a build, not its input. */
    public static InvalidReferenceException digest(String reference) {
        return new InvalidReferenceException(reference, "<to><image> (" + PropertyNames.TO_IMAGE + ") is '" + reference
                + "', which names a digest: a build makes a new digest, so name the image by a tag instead, e.g. "
                + reference.substring(0, reference.indexOf('@')) + ":1.0");
    }

    public String value() {
        return value;
    }

    @Override
    public Fault fault() {
        return Fault.USER;
    }
}
