package io.github.scratchimage.image;

import java.util.List;
import java.util.Objects;

/**
 * A named layer of files, added before the executable's layer. Bundled shared libraries go here:
 * they change less often than the executable, so keeping them below it lets registries and
 * caches reuse them.
 */
public record LayerSpec(String name, List<LayerFile> files) {

    public LayerSpec {
        Objects.requireNonNull(name, "name");
        files = List.copyOf(files);
    }
}
