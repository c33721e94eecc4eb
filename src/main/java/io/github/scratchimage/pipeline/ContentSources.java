package io.github.scratchimage.pipeline;

import io.github.scratchimage.image.content.ExtraDirectories;
import java.nio.file.Path;
import java.util.List;

/** The user's own files for the image: {@code <rootfsArchives>} and {@code <extraDirectories>}. */
public record ContentSources(
        List<Path> rootfsArchives,
        List<ExtraDirectories.Source> extraDirectories,
        List<ExtraDirectories.Permission> permissions,
        boolean allowSetuid) {

    public ContentSources {
        rootfsArchives = List.copyOf(rootfsArchives);
        extraDirectories = List.copyOf(extraDirectories);
        permissions = List.copyOf(permissions);
    }
}
