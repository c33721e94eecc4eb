package io.github.scratchimage.image.essentials;

import io.github.scratchimage.image.LayerSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A runtime essential ready for {@link ImagePlan.Builder#addLayerBefore(LayerSpec)}: its own small
 * layer, the environment variables that point programs at it (put them in the plan's
 * environment), and where its content came from, for the build log.
 */
public record EssentialLayer(LayerSpec layer, Map<String, String> environment, String origin) {

    public EssentialLayer {
        Objects.requireNonNull(layer, "layer");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        Objects.requireNonNull(origin, "origin");
    }
}
