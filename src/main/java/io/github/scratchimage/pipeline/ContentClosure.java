package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.analysis.RuntimeAdvisor;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.libraries.BundledFile;
import io.github.scratchimage.libraries.LibraryResolver;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.libraries.Need;
import io.github.scratchimage.libraries.Reason;
import io.github.scratchimage.libraries.ResolveRequest;
import io.github.scratchimage.libraries.UnresolvedLibrary;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.report.HardeningReport;
import io.github.scratchimage.report.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every ELF file of the image gets its libraries, not only the executable: an interpreter's
 * extension modules in a rootfs archive ({@code _ssl.cpython-311-x86_64-linux-gnu.so} needs
 * libssl) fail at run time as surely as a missing library of the executable. Under
 * {@code linkage=bundle} the closure is resolved again with the user's files in the image, which
 * the loader finds first (never bundled twice), and their imports are evidence for the advisor.
 * Under {@code linkage=static} nothing is bundled, so a dynamic file of the user's whose libraries
 * the content does not bring fails the build: the image would not do what the check claims.
 * {@code linkage=any} takes the content as it is.
 */
final class ContentClosure {
    /** The closure with the user's content in the image, and what its ELF files prove the image needs. */
    record Closure(Optional<LibraryTree> libraries, List<Finding> findings, HardeningReport hardening) {
    }

    private ContentClosure() {
    }

    static Closure resolve(CheckResult checked, CheckRequest request, List<Essentials.UserContent> content,
            Path work, BuildListener log) throws ScratchException {
        Map<String, Path> imageFiles = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (Essentials.UserContent layer : content) {
            for (LayerFile file : layer.layer().files()) {
                if (!file.directory() && file.source() != null) {
                    imageFiles.put(file.target(), file.source()); // the upper layer's file is the image's
                    origins.put(file.target(), layer.description());
                }
            }
        }
        if (imageFiles.isEmpty() || request.linkage() == LinkagePolicy.ANY) {
            return new Closure(checked.libraries(), List.of(), checked.hardening());
        }
        String executableImagePath = request.executableImagePath(checked.executable());
        if (request.linkage() == LinkagePolicy.STATIC) {
            // nothing is bundled: the content alone must hold what its files load
            LibraryTree alone = resolve(new ResolveRequest(checked.executable(), executableImagePath,
                    emptySysroot(work), List.of(), List.of(), imageFiles));
            if (!alone.unresolved().isEmpty()) {
                throw new IncompleteImageException(staticFailure(alone, origins), checked.withLibraries(Optional.of(alone)));
            }
            return new Closure(Optional.empty(), findings(alone, origins, Set.of()), checked.hardening());
        }
        LibraryTree tree = resolve(new ResolveRequest(checked.executable(), executableImagePath, request.sysroot(),
                request.libraryPaths(), request.extraLibraries(), imageFiles));
        if (!tree.complete()) {
            throw new IncompleteImageException(bundleFailure(tree, request.sysroot(), origins),
                    checked.withLibraries(Optional.of(tree)));
        }
        Set<String> bundledBefore = Set.copyOf(checked.libraries().map(LibraryTree::imagePaths).orElse(List.of()));
        List<BundledFile> added = tree.files().stream().filter(f -> !bundledBefore.contains(f.imagePath())).toList();
        if (!added.isEmpty()) {
            log.log(BuildListener.Level.LIFECYCLE, "Bundling " + added.size() + " more files for the ELF files of"
                    + " your content:");
            for (BundledFile file : added) {
                log.log(BuildListener.Level.LIFECYCLE, "  " + file.imagePath() + " (" + Sizes.human(file.size())
                        + ", needed by " + String.join(", ", file.neededBy().stream().map(Need::needer).distinct()
                                .toList()) + ")");
            }
        }
        // the loader maps these into the program as much as the executable's libraries
        List<BundledFile> unjudged = new ArrayList<>(added);
        unjudged.addAll(tree.fromImage());
        HardeningReport hardening = Check.judgeAlso(request, checked, unjudged, origins, log);
        if (hardening.failure().isPresent()) {
            throw new IncompleteImageException(hardening.failure().get(),
                    checked.withLibraries(Optional.of(tree)).withHardening(hardening));
        }
        return new Closure(Optional.of(tree), findings(tree, origins, bundledBefore), hardening);
    }

    private static LibraryTree resolve(ResolveRequest request) throws EnvironmentException {
        try {
            return LibraryResolver.resolve(request);
        } catch (IOException | ElfFormatException e) {
            throw new EnvironmentException("Could not resolve the shared libraries of " + request.executable()
                    + " and of the ELF files of the image's content in " + request.sysroot() + ": " + e.getMessage(), e);
        }
    }

    /** Evidence of the user's ELF files, and of the libraries bundled for them (not already advised by the check). */
    private static List<Finding> findings(LibraryTree tree, Map<String, String> origins, Set<String> advisedBefore)
            throws EnvironmentException {
        List<Finding> findings = new ArrayList<>();
        for (BundledFile file : tree.fromImage()) {
            findings.addAll(RuntimeAdvisor.adviseImageFile(file.imagePath(), origins.get(file.imagePath()), read(file)));
        }
        for (BundledFile file : tree.files()) {
            if (!advisedBefore.contains(file.imagePath())) {
                findings.addAll(RuntimeAdvisor.adviseBundled(file.fileName(), read(file)));
            }
        }
        return findings;
    }

    private static ElfFile read(BundledFile file) throws EnvironmentException {
        try {
            return ElfReader.read(file.source());
        } catch (ElfFormatException | IOException e) {
            throw new EnvironmentException("Could not read " + file.source() + " (for " + file.imagePath() + "): "
                    + e.getMessage(), e);
        }
    }

    /** Who needs a file, in the user's words: the image path and the option that brought it. */
    private static String needer(String needer, Map<String, String> origins) {
        String origin = origins.get(needer);
        return origin == null ? needer : needer + " (" + origin + ")";
    }

    private static String staticFailure(LibraryTree tree, Map<String, String> origins) {
        List<String> lines = new ArrayList<>();
        lines.add("The image's content has dynamically linked files whose libraries the image does not hold,"
                + " and <linkage>static</linkage> bundles none:");
        for (UnresolvedLibrary missing : tree.unresolved()) {
            lines.add("  " + missing.name() + " (needed by " + String.join(", ", missing.neededBy().stream()
                    .map(n -> needer(n, origins)).toList()) + ")");
        }
        lines.add("Fix: set <linkage>bundle</linkage> (" + PropertyNames.LINKAGE + "=bundle) to bundle them from"
                + " <sysroot>, add them to your content, or remove the files that need them.");
        return String.join("\n", lines);
    }

    private static String bundleFailure(LibraryTree tree, Path sysroot, Map<String, String> origins) {
        List<String> lines = new ArrayList<>();
        if (!tree.unresolved().isEmpty() || !tree.versionMismatches().isEmpty()) {
            LibraryTree missing = new LibraryTree(tree.executable(), tree.files(), tree.generatedFiles(),
                    tree.unresolved().stream().map(u -> new UnresolvedLibrary(u.name(),
                            u.neededBy().stream().map(n -> needer(n, origins)).toList(), u.searched())).toList(),
                    tree.versionMismatches(), tree.skippedCandidates());
            lines.add(Bundling.failure(missing, sysroot));
        }
        for (LibraryTree.ContentConflict conflict : tree.conflicts()) {
            lines.add(conflict.imagePath() + " comes from " + userSide(conflict, origins) + " and, with other"
                    + " bytes, from " + sysrootSide(conflict, sysroot) + ". Fix: keep one of the two: remove it from "
                    + origins.get(conflict.imagePath()) + ", or point <sysroot> (" + PropertyNames.SYSROOT
                    + ") at the root your content was made from" + (extra(conflict) ? ", or drop it from <extraLibraries>"
                            : "") + ".");
        }
        return String.join("\n", lines);
    }

    /** An extra directory's file is named by its path in the project; an archive's by the archive. */
    private static String userSide(LibraryTree.ContentConflict conflict, Map<String, String> origins) {
        String origin = origins.get(conflict.imagePath());
        return origin.startsWith("rootfs archive") ? origin : origin + " (" + conflict.inImage() + ")";
    }

    private static boolean extra(LibraryTree.ContentConflict conflict) {
        return conflict.neededBy().stream().anyMatch(n -> n.reason() == Reason.EXTRA);
    }

    /** Every option that asks for the sysroot's file there. */
    private static String sysrootSide(LibraryTree.ContentConflict conflict, Path sysroot) {
        List<String> by = new ArrayList<>();
        if (extra(conflict)) {
            by.add("<extraLibraries>");
        }
        conflict.neededBy().stream().filter(n -> n.reason() != Reason.EXTRA).map(Need::needer).distinct()
                .forEach(n -> by.add("the libraries bundled for " + n));
        return conflict.inSysroot() + " in <sysroot> " + sysroot + " (" + String.join(", ", by) + ")";
    }

    private static Path emptySysroot(Path work) throws EnvironmentException {
        try {
            return Files.createDirectories(work.resolve("no-sysroot"));
        } catch (IOException e) {
            throw new EnvironmentException("Could not create " + work.resolve("no-sysroot") + ": " + e.getMessage(), e);
        }
    }
}
