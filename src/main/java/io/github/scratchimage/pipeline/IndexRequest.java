package io.github.scratchimage.pipeline;

import io.github.scratchimage.image.RegistryTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code index} goal, validated: the images to merge (references in the target's registry,
 * by tag or digest), where the index goes, and the digest and report files.
 */
public record IndexRequest(RegistryTarget target, List<String> images, Path digest, Path imageJson) {
    public IndexRequest {
        images = List.copyOf(images);
    }
}
