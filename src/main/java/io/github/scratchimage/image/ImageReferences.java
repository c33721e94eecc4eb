package io.github.scratchimage.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;

/**
 * The one place image references are parsed, with Jib's grammar, and the one wording of a bad
 * one ({@link InvalidReferenceException}).
 */
public final class ImageReferences {
    private ImageReferences() {
    }

    public static ImageReference parse(String reference) throws InvalidReferenceException {
        try {
            return ImageReference.parse(reference);
        } catch (InvalidImageReferenceException e) {
            throw new InvalidReferenceException(reference);
        }
    }

    /**
     * The reference of an image to build: a tag, never a digest. A build makes a new digest, so
     * {@code app@sha256:…} would name an image other than the one pushed.
     */
    public static ImageReference forBuild(String reference) throws InvalidReferenceException {
        ImageReference parsed = parse(reference);
        if (parsed.getDigest().isPresent()) {
            throw InvalidReferenceException.digest(reference);
        }
        return parsed;
    }

    /**
     * The registry of a reference, with {@code :port} where it has one ({@code app} is on
     * {@code registry-1.docker.io}): the id of the settings.xml {@code <server>} holding its credentials.
     */
    public static String registry(String reference) throws InvalidReferenceException {
        return parse(reference).getRegistry();
    }
}
