package io.github.scratchimage.report;

import io.github.scratchimage.pipeline.Bundling;
import io.github.scratchimage.pipeline.CheckedExecutable;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.image.ImageLayer;
import io.github.scratchimage.image.ImageResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code target/scratch-image.json}: what was built, for release pipelines. */
public final class ImageReport {
    private ImageReport() {
    }

    public static Map<String, Object> json(ImageResult r, CheckedExecutable checked) {
        BinaryAnalysis analysis = checked.analysis();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", r.reference());
        m.put("tags", r.tags());
        m.put("digest", r.digest());
        m.put("imageId", r.imageId());
        m.put("platform", r.platform().toString());
        m.put("format", r.format());
        m.put("linkage", analysis.linkage());
        m.put("executable", analysis.file());
        List<Map<String, Object>> layers = r.layers().stream().map(ImageReport::layer).toList();
        m.put("layers", layers);
        m.put("compressedSize", r.totalCompressedSize());
        m.put("delivered", r.delivered());
        checked.libraries().ifPresent(tree -> m.put("bundled", Bundling.json(tree)));
        return m;
    }

    private static Map<String, Object> layer(ImageLayer l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("digest", l.digest());
        m.put("size", l.compressedSize());
        return m;
    }
}
