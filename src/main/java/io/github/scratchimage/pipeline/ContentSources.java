package io.github.scratchimage.pipeline;

import io.github.scratchimage.image.content.ExtractionLimits;
import io.github.scratchimage.image.content.ExtraDirectories;
import java.nio.file.Path;
import java.util.List;

/**
 * The user's own files for the image: {@code <rootfsArchives>}, each extracted within
 * {@code archiveLimits}, and {@code <extraDirectories>}.
 */
public record ContentSources(
        List<Path> rootfsArchives,
        List<ExtraDirectories.Source> extraDirectories,
        List<ExtraDirectories.Permission> permissions,
        boolean allowSetuid,
        ExtractionLimits archiveLimits) {

    public ContentSources {
        rootfsArchives = List.copyOf(rootfsArchives);
        extraDirectories = List.copyOf(extraDirectories);
        permissions = List.copyOf(permissions);
    }

    /** Within the default extraction limits. */
    public ContentSources(List<Path> rootfsArchives, List<ExtraDirectories.Source> extraDirectories,
            List<ExtraDirectories.Permission> permissions, boolean allowSetuid) {
        this(rootfsArchives, extraDirectories, permissions, allowSetuid, ExtractionLimits.DEFAULT);
    }
}
