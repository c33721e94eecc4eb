package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.dpkg.DebianPackage;
import io.github.scratchimage.dpkg.DpkgDatabase;
import io.github.scratchimage.dpkg.OsRelease;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageReferences;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.InvalidReferenceException;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.layer.FileHashes;
import io.github.scratchimage.libraries.BundledFile;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.libraries.Need;
import io.github.scratchimage.sbom.ExecutableFacts;
import io.github.scratchimage.sbom.FileDependency;
import io.github.scratchimage.sbom.GoModule;
import io.github.scratchimage.sbom.ImageFile;
import io.github.scratchimage.sbom.ImageIdentity;
import io.github.scratchimage.sbom.OperatingSystem;
import io.github.scratchimage.sbom.OsPackage;
import io.github.scratchimage.sbom.SbomInput;
import io.github.scratchimage.sbom.ToolIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SBOM's input from what was built: the image by its reference and manifest digest, every
 * regular file of the image with its SHA-256 (the hashes the layer keys computed, no file hashed again;
 * a later layer's entry replaces an earlier one at the same path, and links and directories have
 * no content to hash), the executable with its ELF facts, the sysroot's Debian packages the image
 * holds files of, and which file the loader maps for which, from the library closure. The time
 * is the image's creation time, so a reproducible build gives the same SBOM.
 */
final class SbomBuilder {
    private SbomBuilder() {
    }

    /** @param hashes the build's file hashes, which the layer keys computed: no file is hashed twice */
    static SbomInput input(ImageResult result, ImagePlan plan, CheckResult checked, SysrootPackages packages,
            FileHashes hashes) throws EnvironmentException {
        List<ImageFile> files = files(plan, hashes);
        BinaryAnalysis analysis = checked.analysis();
        ExecutableFacts executable = new ExecutableFacts(plan.targetPath(), analysis.platform().architecture(),
                analysis.linkage().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                analysis.libc().name().toLowerCase(Locale.ROOT), analysis.buildId());
        List<OsPackage> osPackages = new ArrayList<>();
        Optional<OperatingSystem> os = Optional.empty();
        if (packages.database().isPresent() && !packages.isEmpty()) {
            DpkgDatabase db = packages.database().get();
            for (Map.Entry<DebianPackage, List<String>> entry : packages.byPackage().entrySet()) {
                DebianPackage pkg = entry.getKey();
                osPackages.add(new OsPackage(pkg.name(), pkg.version(), db.purl(pkg).toString(), entry.getValue()));
            }
            os = Optional.of(operatingSystem(db.osRelease()));
        }
        List<String> paths = files.stream().map(ImageFile::path).toList();
        return new SbomInput(identity(result), new ToolIdentity(plan.tool().name(), plan.tool().version()),
                plan.creationTime(), files, executable, os, osPackages, goModules(checked),
                dependencies(checked.libraries(), new TreeSet<>(paths)));
    }

    /** A Go executable's main module and dependencies from its build info (replacements as built). */
    private static List<GoModule> goModules(CheckResult checked) {
        List<GoModule> modules = new ArrayList<>();
        checked.go().ifPresent(go -> {
            go.mainModule().flatMap(SbomBuilder::module).ifPresent(modules::add);
            go.dependencies().forEach(d -> module(d).ifPresent(modules::add));
        });
        return modules;
    }

    /**
     * The module as built: a replacement that is itself a released module stands for it; a local
     * directory replacement ({@code => ../dep}) or a {@code (devel)} build names no version a
     * scanner could look up, so the module keeps its own version or is left out.
     */
    private static Optional<GoModule> module(io.github.scratchimage.analysis.golang.GoModule built) {
        io.github.scratchimage.analysis.golang.GoModule used = built.replacement()
                .filter(r -> released(r.version())).orElse(built);
        return released(used.version()) ? Optional.of(new GoModule(used.path(), used.version())) : Optional.empty();
    }

    private static boolean released(String version) {
        return !version.isBlank() && !version.equals("(devel)");
    }

    /** The regular files of the image, bottom layer to top, the executable's layer last, as {@code ImageBuilder} stacks them. */
    private static List<ImageFile> files(ImagePlan plan, FileHashes hashes) throws EnvironmentException {
        Map<String, Path> sources = new TreeMap<>();
        List<LayerSpec> layers = new ArrayList<>(plan.extraLayersBefore());
        layers.add(new LayerSpec("executable",
                List.of(new LayerFile(plan.executable(), plan.targetPath(), ImagePlan.EXECUTABLE_MODE))));
        for (LayerSpec layer : layers) {
            for (LayerFile file : layer.files()) {
                if (file.directory() || file.symlink()) {
                    sources.remove(file.target());
                } else {
                    sources.put(file.target(), file.source());
                }
            }
        }
        List<ImageFile> files = new ArrayList<>();
        for (Map.Entry<String, Path> file : sources.entrySet()) {
            try {
                files.add(new ImageFile(file.getKey(), hashes.hexOf(file.getValue())));
            } catch (IOException e) {
                throw new EnvironmentException("Could not read " + file.getValue() + " (" + file.getKey()
                        + " in the image) to hash it for the SBOM: " + e.getMessage(), e);
            }
        }
        return files;
    }

    /** Who needs which bundled file, as the closure recorded it; {@code extraLibraries} is no file. */
    private static List<FileDependency> dependencies(Optional<LibraryTree> tree, TreeSet<String> imageFiles) {
        Map<String, TreeSet<String>> needs = new TreeMap<>();
        for (BundledFile file : tree.map(LibraryTree::files).orElse(List.of())) {
            for (Need need : file.neededBy()) {
                if (imageFiles.contains(need.needer()) && imageFiles.contains(file.imagePath())
                        && !need.needer().equals(file.imagePath())) {
                    needs.computeIfAbsent(need.needer(), n -> new TreeSet<>()).add(file.imagePath());
                }
            }
        }
        List<FileDependency> dependencies = new ArrayList<>();
        needs.forEach((path, needed) -> dependencies.add(new FileDependency(path, List.copyOf(needed))));
        return dependencies;
    }

    /** The repository as the reference names it ({@code registry.example.com/team/app}), and its tag. */
    private static ImageIdentity identity(ImageResult result) throws EnvironmentException {
        String reference = result.reference();
        Optional<String> tag;
        try {
            tag = ImageReferences.parse(reference).getTag();
        } catch (InvalidReferenceException e) {
            // the build has already used this reference: it cannot be invalid here
            throw new EnvironmentException("The image reference " + reference + " could not be read back for the"
                    + " SBOM: " + e.getMessage(), e);
        }
        String name = tag.isPresent() && reference.endsWith(":" + tag.get())
                ? reference.substring(0, reference.length() - tag.get().length() - 1) : reference;
        return new ImageIdentity(name, tag, result.digest());
    }

    /** os-release's ID and VERSION_ID; a release without one (Debian sid) by its codename. */
    private static OperatingSystem operatingSystem(Optional<OsRelease> release) {
        String id = release.map(OsRelease::id).orElse("debian");
        String version = release.flatMap(OsRelease::versionId)
                .or(() -> release.map(r -> r.values().get("VERSION_CODENAME")))
                .orElse("unknown");
        return new OperatingSystem(id, version);
    }
}
