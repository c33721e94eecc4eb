package io.github.scratchimage.image.layer;

import java.nio.file.Path;

/**
 * A compressed layer ready to push or archive.
 *
 * @param digest  {@code sha256:} of the compressed bytes, the blob's name in a registry
 * @param diffId  {@code sha256:} of the uncompressed tar, listed in the image config
 * @param size    compressed bytes
 * @param file    where the compressed bytes are, in the blob cache
 */
public record LayerBlob(String digest, String diffId, long size, Path file) {
}
