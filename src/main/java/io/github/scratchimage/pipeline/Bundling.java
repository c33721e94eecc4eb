package io.github.scratchimage.pipeline;

import io.github.scratchimage.maven.PropertyNames;
import io.github.scratchimage.report.Sizes;

import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.libraries.BundledFile;
import io.github.scratchimage.libraries.GeneratedFile;
import io.github.scratchimage.libraries.LibraryResolver;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.libraries.Need;
import io.github.scratchimage.libraries.ResolveRequest;
import io.github.scratchimage.libraries.UnresolvedLibrary;
import io.github.scratchimage.libraries.VersionMismatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code linkage=bundle} in Maven's terms: resolve the closure, fail naming each missing library
 * or version with the fix, report the closure, and turn it into the image's libraries layer.
 */
public final class Bundling {
    static final String LIBRARIES_LAYER = "libraries";
    private static final String LIBRARY_MODE = "755";
    private static final String GENERATED_MODE = "644";

    private Bundling() {
    }

    public static LibraryTree resolve(Path executable, String executableImagePath, Path sysroot, List<String> libraryPaths,
            List<String> extraLibraries) throws MojoExecutionException, MojoFailureException {
        LibraryTree tree;
        try {
            tree = LibraryResolver.resolve(
                    new ResolveRequest(executable, executableImagePath, sysroot, libraryPaths, extraLibraries));
        } catch (ElfFormatException e) {
            throw new MojoFailureException("The executable " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not resolve the shared libraries of " + executable + " in "
                    + sysroot + ": " + e.getMessage(), e);
        }
        return tree;
    }

    /** Fails naming every missing library and version; the caller writes the report first, so tools see why. */
    public static void requireComplete(LibraryTree tree, Path sysroot) throws MojoFailureException {
        if (!tree.complete()) {
            throw new MojoFailureException(failure(tree, sysroot));
        }
    }

    private static String failure(LibraryTree tree, Path sysroot) {
        List<String> lines = new ArrayList<>();
        lines.add("linkage=bundle cannot build a complete image of " + Path.of(tree.executable()).getFileName() + ":");
        for (UnresolvedLibrary missing : tree.unresolved()) {
            lines.add("  " + missing.name() + " (needed by " + String.join(", ", missing.neededBy())
                    + ") was not found in sysroot " + sysroot + "; searched " + String.join(", ", missing.searched()));
        }
        for (VersionMismatch mismatch : tree.versionMismatches()) {
            lines.add("  " + mismatch.object() + " needs version " + mismatch.version() + " from " + mismatch.library()
                    + ", which that library does not define (the sysroot's library is too old)");
        }
        lines.add("Fix: add the directory holding the library to <libraryPaths>, point <sysroot> ("
                + PropertyNames.SYSROOT + ") at a root that has it, or install the package that provides it;"
                + " for a version mismatch build against the sysroot's libraries or use a newer sysroot.");
        return String.join("\n", lines);
    }

    public static void log(LibraryTree tree, Log log) {
        log.info("Bundling " + tree.files().size() + " files (" + Sizes.human(tree.totalSize()) + ") for linkage=bundle:");
        for (BundledFile file : tree.files()) {
            log.info("  " + file.imagePath() + " (" + Sizes.human(file.size()) + ", " + neededBy(file) + ")");
        }
        for (GeneratedFile file : tree.generatedFiles()) {
            log.info("  " + file.imagePath() + " (generated: " + file.why() + ")");
        }
    }

    private static String neededBy(BundledFile file) {
        return file.neededBy().stream().map(n -> n.reason().name().toLowerCase() + " of " + n.needer())
                .distinct().collect(Collectors.joining(", "));
    }

    public static List<Map<String, Object>> json(LibraryTree tree) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (BundledFile file : tree.files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", file.imagePath());
            m.put("source", file.source().toString());
            m.put("size", file.size());
            m.put("neededBy", file.neededBy().stream().map(Need::needer).distinct().toList());
            m.put("reason", file.reason());
            files.add(m);
        }
        for (GeneratedFile file : tree.generatedFiles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", file.imagePath());
            m.put("generated", file.why());
            files.add(m);
        }
        return files;
    }

    /** What stands in the way of a complete image, for {@code scratch-check.json}; empty lists when nothing does. */
    public static void putProblems(LibraryTree tree, Map<String, Object> report) {
        report.put("unresolved", tree.unresolved().stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", u.name());
            m.put("neededBy", u.neededBy());
            m.put("searched", u.searched());
            return m;
        }).toList());
        report.put("versionMismatches", tree.versionMismatches().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", v.object());
            m.put("library", v.library());
            m.put("version", v.version());
            return m;
        }).toList());
        // a candidate passed over (another architecture, not ELF) often explains an "unresolved"
        report.put("skippedCandidates", tree.skippedCandidates().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("path", c.path());
            m.put("reason", c.reason());
            return m;
        }).toList());
    }

    /** The libraries layer; generated files are written under {@code stagingDirectory} first. */
    public static LayerSpec layer(LibraryTree tree, Path stagingDirectory) throws MojoExecutionException {
        List<LayerFile> files = new ArrayList<>();
        for (BundledFile file : tree.files()) {
            files.add(new LayerFile(file.source(), file.imagePath(), LIBRARY_MODE));
        }
        try {
            for (GeneratedFile file : tree.generatedFiles()) {
                Path staged = stagingDirectory.resolve(file.imagePath().substring(1));
                Files.createDirectories(staged.getParent());
                Files.writeString(staged, file.content(), StandardCharsets.UTF_8);
                files.add(new LayerFile(staged, file.imagePath(), GENERATED_MODE));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write generated files under " + stagingDirectory + ": "
                    + e.getMessage(), e);
        }
        return new LayerSpec(LIBRARIES_LAYER, files);
    }
}
