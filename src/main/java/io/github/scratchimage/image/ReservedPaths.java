package io.github.scratchimage.image;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Image paths that one piece of content owns (the executable, bundled libraries, an essential's
 * files) and that other content may not touch. Touching is: the same path; a non-directory where
 * a reserved path needs a directory ({@code /app} as a file when {@code /app/hello} is reserved);
 * or anything inside a reserved path. The last matters for {@code /tmp}: a layer holding
 * {@code /tmp/x} also holds an implied {@code /tmp/} entry with mode 755, which would hide the
 * essential's 1777.
 */
public final class ReservedPaths {
    private final TreeSet<String> paths;

    /** Why {@code path} may not go into the image, against which reserved path. */
    public record Conflict(String reserved, String problem) {
    }

    private ReservedPaths(Collection<String> paths) {
        this.paths = new TreeSet<>(paths);
    }

    public static ReservedPaths of(Collection<String> absolutePaths) {
        return new ReservedPaths(absolutePaths);
    }

    /** The targets of a layer's files, e.g. an essential's. */
    public static ReservedPaths of(LayerSpec layer) {
        return new ReservedPaths(layer.files().stream().map(LayerFile::target).toList());
    }

    /** The first conflict of an entry at {@code path}, a directory entry when {@code directory}. */
    public Optional<Conflict> conflict(String path, boolean directory) {
        if (paths.contains(path) && !(directory && hasReservedChildren(path))) {
            return Optional.of(new Conflict(path, "would replace " + path));
        }
        String child = paths.ceiling(path + "/");
        if (!directory && child != null && child.startsWith(path + "/")) {
            return Optional.of(new Conflict(child, "would turn a directory of " + child + " into a file"));
        }
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            String ancestor = path.substring(0, slash);
            if (paths.contains(ancestor) && !hasReservedChildren(ancestor)) {
                return Optional.of(new Conflict(ancestor, "would write inside " + ancestor));
            }
        }
        return Optional.empty();
    }

    /** Every entry of {@code layers} that conflicts, bottom layer first, in each layer's order. */
    public List<LayerConflict> conflicts(List<LayerSpec> layers) {
        List<LayerConflict> conflicts = new ArrayList<>();
        for (LayerSpec layer : layers) {
            for (LayerFile file : layer.files()) {
                conflict(file.target(), file.directory())
                        .ifPresent(c -> conflicts.add(new LayerConflict(layer, file.target(), c)));
            }
        }
        return conflicts;
    }

    /** An entry of {@code layer} at {@code path} and what it conflicts with. */
    public record LayerConflict(LayerSpec layer, String path, Conflict conflict) {
    }

    /** A directory only implied by reserved files below it (the appRoot) may be given by others. */
    private boolean hasReservedChildren(String path) {
        String child = paths.ceiling(path + "/");
        return child != null && child.startsWith(path + "/");
    }
}
