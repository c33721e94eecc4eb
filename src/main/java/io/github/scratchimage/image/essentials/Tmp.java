package io.github.scratchimage.image.essentials;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import java.util.List;
import java.util.Map;

/**
 * The tmp essential: an empty {@code /tmp} with mode 1777 (everyone may create files, only the
 * owner may delete them), like every Linux root filesystem. A directory entry, so the layer is a
 * few hundred bytes.
 */
public final class Tmp {
    public static final String TARGET = "/tmp";
    public static final String MODE = "1777";
    public static final String LAYER_NAME = "tmp";

    private Tmp() {
    }

    public static EssentialLayer layer() {
        return new EssentialLayer(new LayerSpec(LAYER_NAME, List.of(LayerFile.directory(TARGET, MODE))), Map.of(),
                "an empty /tmp, mode 1777");
    }
}
