package io.github.scratchimage.image;

/** One layer of a built image: its name in the plan, compressed digest and compressed size. */
public record ImageLayer(String name, String digest, long compressedSize) {
}
