package io.github.scratchimage.image;

import java.util.List;
import java.util.Optional;

/**
 * A multi-platform index pushed: where, under which tags, its digest and media type, and the
 * platform images it names, each with the source reference it came from, and the index's
 * signature when the target signs.
 */
public record IndexResult(String reference, List<String> tags, String digest, String mediaType, long size,
        List<PlatformImage> platforms, Optional<ImageSignature> signature) {

    /** One platform's image manifest in the index. */
    public record PlatformImage(String platform, String digest, long size, String mediaType, String source) {
    }

    public IndexResult {
        tags = List.copyOf(tags);
        platforms = List.copyOf(platforms);
    }
}
