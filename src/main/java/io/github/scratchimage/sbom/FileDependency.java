package io.github.scratchimage.sbom;

import java.util.List;

/**
 * The files the loader maps for the file at {@code path} to run: an executable's or a library's
 * {@code DT_NEEDED} entries, resolved to image paths. Every path must be one of the image's files.
 */
public record FileDependency(String path, List<String> needs) {

    public FileDependency {
        ImageFile.requirePath(path);
        needs = List.copyOf(needs);
        needs.forEach(ImageFile::requirePath);
    }
}
