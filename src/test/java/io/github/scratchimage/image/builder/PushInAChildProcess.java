package io.github.scratchimage.image.builder;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.registry.RegistryCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A build in a JVM of its own, so a test can kill it with SIGTERM as CI kills a cancelled job.
 * Arguments: cache directory, executable, image reference (pushed over plain HTTP).
 */
public final class PushInAChildProcess {
    private PushInAChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        ImagePlan plan = ImagePlan.builder(Path.of(args[1]), Platform.linux("amd64")).build();
        new ImageBuilder(cache, BuildListener.NONE, new RegistryCredentials(Map.of(), cache.resolve("home")))
                .build(plan, new RegistryTarget(args[2], List.of(), null, null, true, false));
    }
}
