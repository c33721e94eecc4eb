package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.ConfigurationPaths;
import io.github.scratchimage.analysis.ConfigurationPaths.NamedPath;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.essentials.CaCertificates;
import io.github.scratchimage.image.essentials.EssentialChoice;
import io.github.scratchimage.image.essentials.EssentialChoice.Essential;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.essentials.Timezones;
import io.github.scratchimage.image.essentials.Tmp;
import io.github.scratchimage.libraries.GeneratedFile;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.paths.ImagePaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directories the program's own configuration (the text files of {@code <extraDirectories>})
 * names and the image must have: a server writes its pid file, logs, sockets and temporary files
 * there at start and dies with ENOENT when the directory is missing. A named path the image has
 * is content and proves nothing; one it lacks is a path the program will create, so its directory
 * is a finding, met when the image has that directory.
 */
final class ConfiguredDirectories {
    /** What every container runtime mounts, whatever the image holds. */
    private static final List<String> RUNTIME_DIRECTORIES = List.of("/dev", "/proc", "/sys");
    private static final List<String> RUNTIME_FILES = List.of("/etc/hosts", "/etc/resolv.conf", "/etc/hostname");
    /** The system's own databases, which libc reads: their paths (home directories, shells) are not the program's. */
    private static final List<String> SYSTEM_FILES = List.of("/etc/passwd", "/etc/group", "/etc/shadow",
            "/etc/gshadow", "/etc/nsswitch.conf", "/etc/hosts", "/etc/services", "/etc/protocols", "/etc/shells",
            "/etc/ld.so.conf");
    /** Where programs live: a configuration names them to run them, and no program creates files there. */
    private static final List<String> PROGRAM_DIRECTORIES = List.of("/bin", "/sbin", "/usr/bin", "/usr/sbin",
            "/usr/local/bin", "/usr/local/sbin");
    /** A path each essential puts in the image, whose ancestors it therefore brings. */
    private static final Map<Essential, String> ESSENTIAL_PATHS = Map.of(
            Essential.CA_CERTIFICATES, CaCertificates.TARGET, Essential.TIMEZONES, Timezones.TARGET_DIR + "/UTC",
            Essential.USERS, "/etc/passwd", Essential.TMP, Tmp.TARGET);

    private ConfiguredDirectories() {
    }

    /** One finding per missing-or-present directory the scanned content's configuration files name paths in. */
    static List<Finding> findings(CheckRequest request, List<Essentials.UserContent> content,
            List<EssentialChoice> essentials, Optional<LibraryTree> libraries) throws EnvironmentException {
        Map<String, List<Mention>> byDirectory = new LinkedHashMap<>();
        Set<String> inImage = pathsInImage(request, content, essentials, libraries);
        for (Essentials.UserContent layer : content) {
            if (!layer.scanned()) {
                continue;
            }
            for (LayerFile file : layer.layer().files()) {
                if (file.directory() || file.symlink() || SYSTEM_FILES.contains(file.target())) {
                    continue;
                }
                for (NamedPath named : read(file)) {
                    String path = ImagePaths.normalize(named.path());
                    String directory = parent(path);
                    // every image has its root; a top-level directory of its own is content, not a place to write
                    if (directory.equals("/") || PROGRAM_DIRECTORIES.contains(directory) || runtimeProvided(path)
                            || inImage.contains(path)) {
                        continue;
                    }
                    byDirectory.computeIfAbsent(directory, d -> new ArrayList<>()).add(new Mention(file, named));
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        byDirectory.forEach((directory, mentions) -> findings.add(finding(directory, mentions)));
        return List.copyOf(findings);
    }

    /**
     * What in the image holds {@code path} (as an entry, or as the directory of one), the topmost
     * layer named; empty when nothing does.
     */
    static Optional<String> providedBy(String path, CheckRequest request, List<Essentials.UserContent> content,
            List<EssentialChoice> essentials, Optional<LibraryTree> libraries) {
        Optional<String> found = Optional.empty();
        for (Essentials.UserContent layer : content) {
            for (LayerFile file : layer.layer().files()) {
                if (holds(file.target(), path)) {
                    found = Optional.of(layer.description() + " (" + file.target() + ")");
                    break;
                }
            }
        }
        if (found.isPresent()) {
            return found;
        }
        for (EssentialChoice choice : essentials) {
            if (choice.included() && holds(ESSENTIAL_PATHS.get(choice.essential()), path)) {
                return Optional.of("<" + choice.parameter() + "> (" + choice.reason() + ")");
            }
        }
        if (libraries.isPresent()) {
            List<String> bundled = new ArrayList<>(libraries.get().imagePaths());
            libraries.get().generatedFiles().stream().map(GeneratedFile::imagePath).forEach(bundled::add);
            Optional<String> library = bundled.stream().filter(p -> holds(p, path)).findFirst();
            if (library.isPresent()) {
                return Optional.of("<linkage>bundle</linkage> (" + library.get() + ")");
            }
        }
        return holds(ImagePaths.normalize(request.appRoot()), path)
                ? Optional.of("<appRoot> (" + request.appRoot() + ", where the executable goes)")
                : Optional.empty();
    }

    /** Every path the image holds, with the directories its entries bring: a configuration names many paths. */
    private static Set<String> pathsInImage(CheckRequest request, List<Essentials.UserContent> content,
            List<EssentialChoice> essentials, Optional<LibraryTree> libraries) {
        List<String> entries = new ArrayList<>();
        content.forEach(layer -> layer.layer().files().forEach(f -> entries.add(f.target())));
        essentials.stream().filter(EssentialChoice::included).map(c -> ESSENTIAL_PATHS.get(c.essential()))
                .forEach(entries::add);
        libraries.ifPresent(tree -> {
            entries.addAll(tree.imagePaths());
            tree.generatedFiles().forEach(f -> entries.add(f.imagePath()));
        });
        entries.add(ImagePaths.normalize(request.appRoot()));
        Set<String> paths = new HashSet<>();
        for (String entry : entries) {
            for (String p = entry; p.length() > 1 && paths.add(p); p = parent(p)) {
                // each ancestor once: the loop stops at one already added
            }
        }
        return paths;
    }

    private record Mention(LayerFile file, NamedPath named) {
        String text() {
            return shown(file.source()) + ":" + named.line() + " names " + named.path();
        }
    }

    private static Finding finding(String directory, List<Mention> mentions) {
        Mention first = mentions.get(0);
        String what = first.text() + (mentions.size() > 1 ? ", and " + (mentions.size() - 1) + " more path"
                + (mentions.size() > 2 ? "s" : "") + " in " + directory : "");
        String why = "the image has no " + directory + " unless the build adds it: a program that creates files"
                + " there at start (a pid file, a log, a socket, temporary files) fails with ENOENT";
        String fix = directory.equals(Tmp.TARGET)
                ? "<tmp>true</tmp> (" + PropertyNames.TMP + "=true: an empty /tmp with mode 1777)"
                : "add the directory to your extra directory (" + extraDirectoryOf(first.file())
                        .map(root -> "an empty " + shown(root.resolve(directory.substring(1))) + ", ")
                        .orElse("") + "with a placeholder file in it for git), writable by the"
                        + " image's user: <extraDirectories><permissions><permission><file>" + directory
                        + "</file><mode>1777</mode></permission></permissions>; or point the configuration at /tmp, which <tmp>"
                        + " adds; or <acknowledge><kind>" + Finding.Kind.CONFIGURED_DIRECTORY.pomName() + "</kind>"
                        + "</acknowledge> when the container runtime mounts a volume there";
        return new Finding(Finding.Kind.CONFIGURED_DIRECTORY, what, why, fix, shown(first.file().source()),
                Optional.empty(), Optional.of(directory));
    }

    private static List<NamedPath> read(LayerFile file) throws EnvironmentException {
        try {
            return ConfigurationPaths.read(file.source());
        } catch (IOException e) {
            throw new EnvironmentException("Could not read " + file.source() + " (for " + file.target()
                    + ") to check the paths it names: " + e.getMessage(), e);
        }
    }

    /** {@code entry} is {@code path} or lies under it: a layer's entry brings its directories. */
    private static boolean holds(String entry, String path) {
        return entry.equals(path) || entry.startsWith(path + "/");
    }

    private static boolean runtimeProvided(String path) {
        return RUNTIME_FILES.contains(path) || RUNTIME_DIRECTORIES.stream().anyMatch(d -> holds(path, d));
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /**
     * The extra directory {@code file} came from, when its source lies there at its image path
     * ({@code src/main/scratch/etc/app.conf} for {@code /etc/app.conf}); not when {@code <into>} moved it.
     */
    private static Optional<Path> extraDirectoryOf(LayerFile file) {
        Path relative = Path.of(file.target().substring(1));
        Path source = file.source().toAbsolutePath().normalize();
        if (!source.endsWith(relative)) {
            return Optional.empty();
        }
        Path root = source;
        for (int i = 0; i < relative.getNameCount() && root != null; i++) {
            root = root.getParent();
        }
        return Optional.ofNullable(root);
    }

    /** Relative to the directory Maven runs in (the project's, usually) when under it, as a user spells it. */
    private static String shown(Path file) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }
}
