package io.github.scratchimage.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
     * Every tag an image built for {@code reference} gets: the reference's own ({@code latest} when
     * it has none) first, then {@code extraTags} in order, each once.
     */
    public static List<String> tags(ImageReference reference, List<String> extraTags) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(reference.getTag().orElse("latest"));
        tags.addAll(extraTags);
        return List.copyOf(tags);
    }

    /**
     * The full name of the image under each of its {@link #tags}, the reference as written first:
     * what an archive's {@code RepoTags} and OCI {@code ref.name} annotations list.
     */
    public static List<String> names(ImageReference reference, List<String> extraTags) {
        List<String> tags = tags(reference, extraTags);
        List<String> names = new ArrayList<>();
        names.add(reference.toString());
        // the other tags always written out: Jib's toString() drops ":latest"
        for (String tag : tags.subList(1, tags.size())) {
            names.add(reference.withQualifier(tag).toStringWithQualifier());
        }
        return List.copyOf(names);
    }

    /**
     * The registry of a reference, with {@code :port} where it has one ({@code app} is on
     * {@code registry-1.docker.io}): the id of the settings.xml {@code <server>} holding its credentials.
     */
    public static String registry(String reference) throws InvalidReferenceException {
        return parse(reference).getRegistry();
    }
}
