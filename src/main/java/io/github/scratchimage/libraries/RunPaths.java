package io.github.scratchimage.libraries;

import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.paths.Sysroot;
import java.util.List;

/** Turns run path entries of one object into search directories, expanding its dynamic string tokens. */
final class RunPaths {
    private RunPaths() {
    }

    /**
     * Adds each entry of {@code entries} (colon-separated lists allowed) as seen from {@code object}.
     * {@code $ORIGIN} entries stay in the object's own tree and map to the matching image directory;
     * relative entries (relative to the working directory at run time) are left out: the image
     * has no meaningful working directory to resolve them against now.
     */
    static void addExpanded(List<SearchDirectory> out, List<String> entries, LoadedObject object, Sysroot sysroot,
            Architecture architecture, FoundVia via) {
        for (String list : entries) {
            for (String entry : list.split(":")) {
                if (entry.isEmpty()) {
                    continue;
                }
                if (DynamicStringTokens.mentionsOrigin(entry)) {
                    String inRoot = DynamicStringTokens.expand(entry, ImagePaths.parent(object.pathInRoot()), architecture);
                    String inImage = DynamicStringTokens.expand(entry, ImagePaths.parent(object.imagePath()), architecture);
                    if (inRoot.startsWith("/")) {
                        out.add(new SearchDirectory(object.sysroot(), inRoot, ImagePaths.normalize(inImage), via));
                    }
                } else {
                    String dir = DynamicStringTokens.expand(entry, "", architecture);
                    if (dir.startsWith("/")) {
                        out.add(SearchDirectory.inSysroot(sysroot, dir, via));
                    }
                }
            }
        }
    }
}
