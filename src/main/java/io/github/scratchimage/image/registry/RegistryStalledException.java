package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.global.JibSystemProperties;
import io.github.scratchimage.image.ImageBuildException;
import java.time.Duration;

/** The registry stopped answering in the middle of a push; what was being pushed is named. */
public final class RegistryStalledException extends ImageBuildException {
    private static final long serialVersionUID = 1L;

    public RegistryStalledException(String registry, String step, Duration quietFor) {
        super("registry " + registry + " stopped answering" + (step == null ? "" : " (" + step + ")")
                + ": nothing happened for " + quietFor.toSeconds() + " s (Jib's HTTP timeout, -Djib.httpTimeout="
                + JibSystemProperties.getHttpTimeout() + " ms, plus 5 s); check the registry and any"
                + " proxy in between, then build again (blobs already pushed are not sent twice)");
    }
}
