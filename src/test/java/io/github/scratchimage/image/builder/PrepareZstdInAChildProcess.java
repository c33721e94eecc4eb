package io.github.scratchimage.image.builder;

import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.image.layer.ZstdUnavailableException;
import io.github.scratchimage.image.registry.RegistryCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Prepares a zstd build for a registry in a JVM of its own, so a test can start it with system
 * properties under which zstd-jni cannot load: arguments are the cache and the reference. Prints
 * the message and exits 3 when the zstd library failed the preparation, exits 0 when it prepared.
 */
public final class PrepareZstdInAChildProcess {
    private PrepareZstdInAChildProcess() {
    }

    public static void main(String[] args) {
        Path cache = Path.of(args[0]);
        ImageBuilder builder = new ImageBuilder(cache, BuildListener.NONE,
                new RegistryCredentials(Map.of(), cache.resolve("home")), LayerCompression.zstd(3),
                BlobStoreCap.DEFAULT_CAP_BYTES);
        try (PreparedTarget prepared = builder.prepare(new RegistryTarget(args[1], List.of(), null, null, true,
                false))) {
            System.out.println("prepared");
        } catch (ImageBuildException e) {
            System.out.println(e.getMessage());
            System.exit(e.getCause() instanceof ZstdUnavailableException ? 3 : 4);
        }
    }
}
