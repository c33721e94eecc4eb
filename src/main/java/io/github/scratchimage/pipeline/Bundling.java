package io.github.scratchimage.pipeline;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.libraries.BundledFile;
import io.github.scratchimage.libraries.GeneratedFile;
import io.github.scratchimage.libraries.LibraryResolver;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.libraries.ResolveRequest;
import io.github.scratchimage.libraries.UnresolvedLibrary;
import io.github.scratchimage.libraries.VersionMismatch;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.report.Sizes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code linkage=bundle}: resolve the closure, say what is missing and how to fix it, log what ships. */
final class Bundling {
    private Bundling() {
    }

    static LibraryTree resolve(Path executable, ElfFile elf, String executableImagePath, Path sysroot,
            List<String> libraryPaths, List<String> extraLibraries) throws EnvironmentException {
        try {
            return LibraryResolver.resolve(
                    new ResolveRequest(executable, executableImagePath, sysroot, libraryPaths, extraLibraries), elf);
        } catch (IOException e) {
            throw new EnvironmentException("Could not resolve the shared libraries of " + executable + " in "
                    + sysroot + ": " + e.getMessage(), e);
        }
    }

    /** Every missing library and version, with the fix. */
    static String failure(LibraryTree tree, Path sysroot) {
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

    static void log(LibraryTree tree, BuildListener log) {
        log.log(BuildListener.Level.LIFECYCLE, "Bundling " + tree.files().size() + " files ("
                + Sizes.human(tree.totalSize()) + ") for linkage=bundle:");
        for (BundledFile file : tree.files()) {
            log.log(BuildListener.Level.LIFECYCLE, "  " + file.imagePath() + " (" + Sizes.human(file.size()) + ", "
                    + neededBy(file) + ")");
        }
        for (GeneratedFile file : tree.generatedFiles()) {
            log.log(BuildListener.Level.LIFECYCLE, "  " + file.imagePath() + " (generated: " + file.why() + ")");
        }
    }

    private static String neededBy(BundledFile file) {
        return file.neededBy().stream().map(n -> n.reason().name().toLowerCase(Locale.ROOT) + " of " + n.needer())
                .distinct().collect(Collectors.joining(", "));
    }
}
