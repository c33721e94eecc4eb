package io.github.scratchimage.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;

/** Image-reference facts the build layer needs before a build, parsed as Jib parses them. */
public final class ImageReferences {
    private ImageReferences() {
    }

    /**
     * The registry of a reference, with {@code :port} where it has one ({@code app} is on
     * {@code registry-1.docker.io}): the id of the settings.xml {@code <server>} holding its credentials.
     */
    public static String registry(String reference) throws InvalidReferenceException {
        try {
            return ImageReference.parse(reference).getRegistry();
        } catch (InvalidImageReferenceException e) {
            throw new InvalidReferenceException(reference);
        }
    }
}
