package io.github.scratchimage.image.content;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.ReservedPaths;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Directories of the build copied into the image, as jib-maven-plugin's {@code <extraDirectories>}:
 * each {@link Source} goes to its {@code into}, filtered by Java globs relative to {@code from};
 * files get 644 and directories 755 unless a {@link Permission} (a glob on the image path) says
 * otherwise, as in Jib. Everything goes into one layer, {@value #LAYER_NAME}; when two sources give
 * the same path the later one wins, as a second {@code COPY} would.
 *
 * <p>Symlinks: Jib copies what a link to a file points at and turns a link to a directory into an
 * empty directory. Here a link to a file is followed too, wherever it points (the directory is the
 * project's own, and a link into {@code target/} is a normal way to ship a generated file); a link
 * to a directory is refused rather than silently emptied, and so is a dangling link.
 */
public final class ExtraDirectories {
    public static final String LAYER_NAME = "extra-directories";
    public static final String FILE_MODE = "644";
    public static final String DIRECTORY_MODE = "755";
    private static final int SETUID_SETGID = 06000;

    /** One {@code <path>}: the directory, where it goes in the image, and optional glob filters. */
    public record Source(Path from, String into, List<String> includes, List<String> excludes) {
        public Source {
            includes = List.copyOf(includes);
            excludes = List.copyOf(excludes);
        }

        /** {@code <path>dir</path>}: everything in {@code dir} at the image's root. */
        public static Source of(Path from) {
            return new Source(from, "/", List.of(), List.of());
        }
    }

    /** One {@code <permission>}: an image path or glob ({@code /opt/bin/*}) and an octal mode. */
    public record Permission(String file, String mode) {
    }

    private final ReservedPaths reserved;
    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Rule(Permission permission, PathMatcher matcher) {
    }

    /** A layer file and the local path it came from, for messages. */
    private record Entry(LayerFile file, String origin) {
    }

    private ExtraDirectories(Set<String> reserved) {
        this.reserved = ReservedPaths.of(reserved);
    }

    /**
     * The layer of all {@code sources}, or empty when they hold nothing. {@code reserved} are the
     * image paths nothing here may replace (the executable, bundled libraries).
     */
    public static Optional<LayerSpec> layer(List<Source> sources, List<Permission> permissions, Set<String> reserved,
            boolean allowSetuid) throws IOException, ExtraDirectoryException {
        ExtraDirectories layer = new ExtraDirectories(reserved);
        for (Permission permission : permissions) {
            layer.rules.add(rule(permission, allowSetuid));
        }
        for (Source source : sources) {
            layer.add(source);
        }
        return layer.build();
    }

    private static Rule rule(Permission p, boolean allowSetuid) throws ExtraDirectoryException {
        if (p.file() == null || !p.file().startsWith("/")) {
            throw new ExtraDirectoryException("<permission><file>" + p.file() + "</file>", "is not an absolute path",
                    "name the path in the image, or a glob such as /opt/bin/*");
        }
        if (p.mode() == null || !p.mode().matches("[0-7]?[0-7]{3}")) {
            throw new ExtraDirectoryException("<permission> for " + p.file(), "has mode '" + p.mode()
                    + "', which is not an octal mode", "write three or four octal digits, such as 755 or 1777");
        }
        if ((Integer.parseInt(p.mode(), 8) & SETUID_SETGID) != 0 && !allowSetuid) {
            throw new ExtraDirectoryException("<permission> for " + p.file() + " with mode " + p.mode(),
                    "sets the setuid or setgid bit",
                    "use a mode without 4000/2000, or set <allowSetuid>true</allowSetuid> if the image needs it");
        }
        return new Rule(p, FileSystems.getDefault().getPathMatcher("glob:" + p.file()));
    }

    private void add(Source source) throws IOException, ExtraDirectoryException {
        if (!Files.isDirectory(source.from())) {
            throw new ExtraDirectoryException(source.from().toString(),
                    Files.exists(source.from()) ? "is not a directory" : "does not exist",
                    "create it, or fix <extraDirectories><paths><path> (a directory, relative to the project)");
        }
        String into = into(source.into());
        Path from = source.from().toRealPath();
        List<PathMatcher> includes = matchers(source.includes());
        List<PathMatcher> excludes = matchers(source.excludes());
        List<Path> walked;
        try (Stream<Path> walk = Files.walk(from)) {
            walked = walk.skip(1).sorted().toList();
        }
        TreeSet<String> directories = new TreeSet<>();
        TreeMap<String, Path> files = new TreeMap<>();
        for (Path local : walked) {
            Path relative = from.relativize(local);
            boolean kept = (includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(relative)))
                    && excludes.stream().noneMatch(m -> m.matches(relative));
            if (Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
                if (kept) {
                    directories.add(relative.toString());
                }
            } else if (kept) {
                files.put(relative.toString(), regularFile(local));
                for (Path parent = relative.getParent(); parent != null; parent = parent.getParent()) {
                    directories.add(parent.toString());
                }
            }
        }
        if (files.isEmpty() && directories.isEmpty()) {
            return;
        }
        String origin = source.from().toString();
        for (String ancestor : ancestorsAndSelf(into)) {
            put(LayerFile.directory(ancestor, mode(ancestor, DIRECTORY_MODE)), origin);
        }
        for (String directory : directories) {
            String target = join(into, directory);
            put(LayerFile.directory(target, mode(target, DIRECTORY_MODE)), origin + "/" + directory);
        }
        for (Map.Entry<String, Path> file : files.entrySet()) {
            String target = join(into, file.getKey());
            put(new LayerFile(file.getValue(), target, mode(target, FILE_MODE)), origin + "/" + file.getKey());
        }
    }

    /** The file's content source: itself, or for a symlink the file it finally points at. */
    private static Path regularFile(Path local) throws IOException, ExtraDirectoryException {
        if (Files.isSymbolicLink(local)) {
            String target = Files.readSymbolicLink(local).toString();
            if (!Files.exists(local)) {
                throw new ExtraDirectoryException(local.toString(), "is a symlink to " + target + ", which does not exist",
                        "fix or remove the link");
            }
            if (Files.isDirectory(local)) {
                throw new ExtraDirectoryException(local.toString(), "is a symlink to the directory " + target,
                        "image layers here hold no symlinks and copying the tree could double it: put the directory"
                                + " itself there, or add it as another <path> with its own <into>");
            }
        }
        if (!Files.isRegularFile(local)) {
            throw new ExtraDirectoryException(local.toString(), "is not a regular file (a fifo, socket or device)",
                    "remove it from the extra directory, or exclude it with <excludes>");
        }
        return Files.isSymbolicLink(local) ? local.toRealPath() : local;
    }

    private void put(LayerFile file, String origin) throws ExtraDirectoryException {
        Entry previous = entries.get(file.target());
        if (previous != null && previous.file().directory() != file.directory()) {
            throw new ExtraDirectoryException(file.target(), "is a " + kind(previous.file()) + " in "
                    + previous.origin() + " and a " + kind(file) + " in " + origin,
                    "rename one, or exclude one with <excludes>");
        }
        Optional<ReservedPaths.Conflict> conflict = reserved.conflict(file.target(), file.directory());
        if (conflict.isPresent()) {
            throw new ExtraDirectoryException(origin, conflict.get().problem() + ", which the plugin puts in the image",
                    "remove it from the extra directory or exclude it with <excludes>, or change <into>");
        }
        entries.remove(file.target()); // the later source wins, and its entry moves to the end like a new copy
        entries.put(file.target(), new Entry(file, origin));
    }

    private Optional<LayerSpec> build() {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LayerSpec(LAYER_NAME, entries.values().stream().map(Entry::file).toList()));
    }

    /** Jib's order: an exact path first, then the first glob that matches. */
    private String mode(String target, String defaultMode) {
        for (Rule rule : rules) {
            if (rule.permission().file().equals(target)) {
                return rule.permission().mode();
            }
        }
        Path path = Path.of(target);
        return rules.stream().filter(r -> r.matcher().matches(path)).findFirst()
                .map(r -> r.permission().mode()).orElse(defaultMode);
    }

    private static String into(String into) throws ExtraDirectoryException {
        String value = into == null || into.isBlank() ? "/" : into.trim();
        if (!value.startsWith("/")) {
            throw new ExtraDirectoryException("<into>" + value + "</into>", "is not an absolute path",
                    "write where the files go in the image, such as /opt/app or /");
        }
        if (Arrays.asList(value.split("/")).contains("..")) {
            throw new ExtraDirectoryException("<into>" + value + "</into>", "contains ..",
                    "write the path in the image without .., such as /opt/app");
        }
        String normalised = String.join("/", Arrays.stream(value.split("/")).filter(n -> !n.isEmpty() && !n.equals("."))
                .toList());
        return "/" + normalised;
    }

    private static List<String> ancestorsAndSelf(String into) {
        List<String> paths = new ArrayList<>();
        for (int slash = into.indexOf('/', 1); slash > 0; slash = into.indexOf('/', slash + 1)) {
            paths.add(into.substring(0, slash));
        }
        if (!into.equals("/")) {
            paths.add(into);
        }
        return paths;
    }

    private static String join(String into, String relative) {
        return (into.equals("/") ? "" : into) + "/" + relative;
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        return globs.stream().map(String::trim).filter(g -> !g.isEmpty())
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }

    private static String kind(LayerFile file) {
        return file.directory() ? "directory" : "file";
    }
}
