package io.github.scratchimage.image;

import io.github.scratchimage.analysis.Platform;
import java.util.List;
import java.util.Optional;

/**
 * What was built and where it went.
 *
 * @param reference  the target image reference
 * @param tags       every tag written (the reference's own and the extra ones)
 * @param digest     manifest digest, {@code sha256:...}
 * @param imageId    config digest, what {@code docker images} shows
 * @param layers     layers bottom to top; the executable's layer is last
 * @param delivered  pushed to the registry or loaded into the engine; false for a tar
 * @param signature  the pushed manifest's signature, when the target signs
 */
public record ImageResult(
        String reference,
        List<String> tags,
        String digest,
        String imageId,
        Platform platform,
        ImageFormat format,
        List<ImageLayer> layers,
        boolean delivered,
        Optional<ImageSignature> signature) {

    public ImageResult {
        tags = List.copyOf(tags);
        layers = List.copyOf(layers);
    }

    /** Sum of the compressed layer sizes: what a pull downloads, without config and manifest. */
    public long totalCompressedSize() {
        return layers.stream().mapToLong(ImageLayer::compressedSize).sum();
    }
}
