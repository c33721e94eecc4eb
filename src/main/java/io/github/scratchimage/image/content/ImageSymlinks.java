package io.github.scratchimage.image.content;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.paths.Sysroot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The symlinks of the finished image, resolved as the kernel resolves them in the container: over
 * every layer stacked (an upper layer's entry replaces a lower one's), absolute targets from the
 * image's root. The build host's filesystem is never consulted.
 */
public final class ImageSymlinks {
    /** A link that points at nothing in the image, and the layer it comes from. */
    public record Dangling(String path, String linkTarget, String layer) {
        @Override
        public String toString() {
            return path + " -> " + linkTarget + " (" + layer + ")";
        }
    }

    private record Entry(LayerFile file, String layer, int index) {
    }

    private final Map<String, Entry> top = new HashMap<>();
    /** The parent directories every layer implies (a tar holds /a/b without an entry for /a). */
    private final TreeSet<String> directories = new TreeSet<>();

    private ImageSymlinks(List<LayerSpec> layers) {
        for (int i = 0; i < layers.size(); i++) {
            for (LayerFile file : layers.get(i).files()) {
                String path = ImagePaths.normalize(file.target());
                top.put(path, new Entry(file, layers.get(i).name(), i));
                for (String parent = ImagePaths.parent(path); !parent.equals("/"); parent = ImagePaths.parent(parent)) {
                    directories.add(parent);
                }
            }
        }
    }

    /**
     * The links of {@code layers} (bottom first) that point at nothing in the image.
     *
     * @throws InvalidInputException for a link that resolves to a directory a layer above it
     *                               writes into: that layer would write through it into another path
     */
    public static List<Dangling> dangling(List<LayerSpec> layers) throws InvalidInputException {
        ImageSymlinks image = new ImageSymlinks(layers);
        List<Dangling> dangling = new ArrayList<>();
        for (Map.Entry<String, Entry> e : new TreeMap<>(image.top).entrySet()) {
            LayerFile file = e.getValue().file();
            if (!file.symlink()) {
                continue;
            }
            Optional<Target> target = image.resolve(e.getKey());
            if (target.isEmpty()) {
                dangling.add(new Dangling(e.getKey(), file.linkTarget(), e.getValue().layer()));
            } else if (target.get() == Target.DIRECTORY && image.writtenThroughFromAbove(e.getKey(), e.getValue())) {
                throw new InvalidInputException(e.getValue().layer() + ": " + e.getKey() + " is a symlink to the directory "
                        + file.linkTarget() + ", and a layer above it writes files under " + e.getKey()
                        + ", which would go through the link into another path. Fix: put the directory itself at "
                        + e.getKey() + ", or drop the link");
            }
        }
        return List.copyOf(dangling);
    }

    private enum Target { FILE, DIRECTORY }

    private boolean writtenThroughFromAbove(String link, Entry entry) {
        return top.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith(link + "/") && e.getValue().index() > entry.index());
    }

    /** What {@code path} leads to after every link in the image; empty when nothing is there or links loop. */
    private Optional<Target> resolve(String path) {
        Deque<String> pending = new ArrayDeque<>(components(path));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String component = pending.removeFirst();
            if (component.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            resolved.add(component);
            String current = "/" + String.join("/", resolved);
            Entry entry = top.get(current);
            if (entry != null && entry.file().symlink()) {
                if (++links > Sysroot.MAX_SYMLINKS) {
                    return Optional.empty();
                }
                resolved.remove(resolved.size() - 1);
                String linkTarget = entry.file().linkTarget();
                if (linkTarget.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetComponents = components(linkTarget);
                for (int i = targetComponents.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetComponents.get(i));
                }
            } else if (!exists(current) || (!pending.isEmpty() && !isDirectory(current))) {
                return Optional.empty();
            }
        }
        String end = "/" + String.join("/", resolved);
        return Optional.of(isDirectory(end) ? Target.DIRECTORY : Target.FILE);
    }

    private boolean exists(String path) {
        return top.containsKey(path) || directories.contains(path);
    }

    private boolean isDirectory(String path) {
        Entry entry = top.get(path);
        return path.equals("/") || directories.contains(path) || (entry != null && entry.file().directory());
    }

    private static List<String> components(String path) {
        List<String> result = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                result.add(part);
            }
        }
        return result;
    }
}
