package io.github.scratchimage.image;

import java.util.List;
import java.util.Optional;

/**
 * Several platforms built in one build and delivered as one multi-platform index (an OCI image
 * index or a Docker manifest list): where, under which tags, the index's digest, media type and
 * size, and each platform's image with its manifest's size.
 *
 * @param delivered pushed to a registry; false for a tar
 * @param signature the index's signature, when the target signs (each platform's is in its image)
 */
public record MultiPlatformResult(String reference, List<String> tags, String digest, String mediaType, long size,
        ImageFormat format, List<PlatformImage> images, boolean delivered, Optional<ImageSignature> signature) {

    /** One platform's image in the index. */
    public record PlatformImage(ImageResult image, long manifestSize) {
    }

    public MultiPlatformResult {
        tags = List.copyOf(tags);
        images = List.copyOf(images);
    }

    /** {@code linux/amd64, linux/arm64}, in the index's order. */
    public List<String> platforms() {
        return images.stream().map(image -> image.image().platform().toString()).toList();
    }
}
