package io.github.scratchimage.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the digest and compressed size of each layer Jib just built from its application-layer
 * cache. {@code JibContainer} reports only the manifest and config digests, and asking the
 * registry or re-reading a tar would cost a round trip or a second pass; the cache entry is
 * exactly what Jib pushed or wrote. {@link Cache} is public but not part of Jib's documented
 * API, which is why this is the only class that touches it.
 */
final class LayerCacheReader {

    private LayerCacheReader() {
    }

    static List<ImageLayer> read(java.nio.file.Path applicationCache, List<FileEntriesLayer> layers)
            throws ImageBuildException {
        try {
            Cache cache = Cache.withDirectory(applicationCache);
            List<ImageLayer> result = new ArrayList<>();
            for (FileEntriesLayer layer : layers) {
                Optional<CachedLayer> cached = cache.retrieve(ImmutableList.copyOf(layer.getEntries()));
                if (cached.isEmpty()) {
                    throw new ImageBuildException("layer '" + layer.getName()
                            + "' is missing from Jib's cache " + applicationCache + " right after the build");
                }
                result.add(new ImageLayer(layer.getName(), cached.get().getDigest().toString(),
                        cached.get().getSize()));
            }
            return result;
        } catch (IOException | CacheCorruptedException | CacheDirectoryCreationException e) {
            throw new ImageBuildException("could not read layer digests from Jib's cache " + applicationCache
                    + ": " + e.getMessage(), e);
        }
    }
}
