package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.content.ExtraDirectories;
import io.github.scratchimage.image.content.ExtraDirectoryException;
import io.github.scratchimage.image.content.ImageSymlinks;
import io.github.scratchimage.image.content.LibraryLayer;
import io.github.scratchimage.image.content.RootfsArchive;
import io.github.scratchimage.image.essentials.EssentialChoice;
import io.github.scratchimage.image.essentials.EssentialLayer;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.libraries.LibraryTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a passed check and the user's content into the image plan: the layers below the
 * executable's in the order that keeps a rebuilt executable to one small re-pushed layer
 * (essentials, rootfs archives, bundled libraries, the {@code dpkg-status} files that let image
 * scanners see the Debian packages of those files, extra directories), the environment they
 * need, and the container settings. The user's content may not replace the executable; a
 * library it holds is the image's, so it is not bundled again ({@link ContentClosure}); where it
 * brings an essential's files, the essential steps aside or fails. The finished image is checked
 * for symlinks that point at nothing ({@link ImageSymlinks}).
 */
final class ImageAssembly {
    /**
     * The plan; the check's result for the whole image (the closure of every ELF file in it, the
     * findings their imports and the image's dangling symlinks add, the essentials as they ended:
     * one that stepped aside is no longer included); the user's content layers, which the
     * findings are settled against; and the sysroot's Debian packages of the bundled libraries'
     * and essentials' files.
     */
    record Assembled(ImagePlan plan, CheckResult checked, List<Essentials.UserContent> userContent,
            SysrootPackages packages) {
        List<EssentialChoice> essentials() {
            return checked.essentials();
        }
    }

    /** What {@link #addContentLayers} leaves: the check's result for the content, the user's content, the Debian packages. */
    private record Content(CheckResult checked, List<Essentials.UserContent> userContent, SysrootPackages packages) {
    }

    private ImageAssembly() {
    }

    static Assembled plan(CheckResult checked, ImageRequest request, BuildListener log) throws ScratchException {
        BinaryAnalysis analysis = checked.analysis();
        ContainerSettings c = request.container();
        if (c.platform().isPresent() && !c.platform().get().equals(analysis.platform().toString())) {
            throw new InvalidInputException("<container><platform> is " + c.platform().get() + " but the executable "
                    + checked.executable().getFileName() + " is built for " + analysis.platform() + " ("
                    + analysis.machine() + "): the image's platform always comes from the executable, so remove"
                    + " <platform> or build the executable for " + c.platform().get());
        }
        String appRoot = request.check().appRoot();
        Map<String, String> environment = new LinkedHashMap<>(c.environment());
        ImagePlan.Builder plan = ImagePlan.builder(checked.executable(), analysis.platform());
        Content content = addContentLayers(plan, environment, checked, request, log);
        plan.appRoot(appRoot)
                .args(c.args())
                .environment(environment)
                .user(c.user())
                .exposedPorts(c.ports())
                .labels(c.labels())
                .format(c.format())
                .creationTime(c.creationTime())
                .filesModificationTime(c.filesModificationTime())
                .volumes(c.volumes());
        c.entrypoint().filter(e -> !e.isEmpty()).ifPresent(plan::entrypoint);
        c.workingDirectory().ifPresent(plan::workingDirectory);
        ImagePlan built = plan.build();
        return new Assembled(built, withDanglingSymlinks(content.checked(), built), content.userContent(),
                content.packages());
    }

    /** One finding for every symlink of the finished image that points at nothing in any layer. */
    private static CheckResult withDanglingSymlinks(CheckResult checked, ImagePlan plan) throws InvalidInputException {
        List<ImageSymlinks.Dangling> dangling = ImageSymlinks.dangling(plan.extraLayersBefore());
        if (dangling.isEmpty()) {
            return checked;
        }
        String sources = dangling.stream().map(ImageSymlinks.Dangling::layer).distinct().collect(Collectors.joining(", "));
        List<Finding> findings = new ArrayList<>(checked.findings());
        findings.add(new Finding(Finding.Kind.DANGLING_SYMLINKS, "ships symlinks that point at nothing in the image: "
                + dangling.stream().map(ImageSymlinks.Dangling::toString).collect(Collectors.joining(", ")),
                "opening them fails with ENOENT (No such file or directory) in the container",
                "add what they point at (a rootfs archive or <extraDirectories>), remove the links, or, when"
                        + " nothing opens them, <acknowledge><kind>dangling_symlinks</kind></acknowledge>", sources));
        return checked.withFindings(findings);
    }

    private static Content addContentLayers(ImagePlan.Builder plan, Map<String, String> environment,
            CheckResult checked, ImageRequest request, BuildListener log) throws ScratchException {
        Path work = request.workDirectory();
        ContentSources content = request.content();
        // bundled libraries are not reserved: the closure is resolved again with the user's files,
        // which the loader finds first, and a user file the sysroot's differs from is a conflict there
        Set<String> reserved = new LinkedHashSet<>();
        reserved.add(request.check().executableImagePath(checked.executable()));
        List<Essentials.UserContent> userContent = new ArrayList<>();
        for (Path archive : content.rootfsArchives()) {
            userContent.add(new Essentials.UserContent(rootfsLayer(archive, work.resolve("rootfs"), reserved,
                    content), "rootfs archive " + archive.getFileName()));
        }
        Optional<LayerSpec> extra = extraDirectoriesLayer(content, reserved);
        extra.ifPresent(layer -> userContent.add(new Essentials.UserContent(layer, "<extraDirectories>", true)));

        ContentClosure.Closure closure = ContentClosure.resolve(checked, request.check(), userContent, work, log);
        CheckResult whole = checked;
        if (!closure.findings().isEmpty() || closure.libraries() != checked.libraries()
                || closure.hardening() != checked.hardening()) {
            List<Finding> findings = new ArrayList<>(checked.findings());
            findings.addAll(closure.findings());
            findings.sort(Comparator.comparing(Finding::kind)); // stable: the executable's own finding first
            whole = checked.withLibraries(closure.libraries()).withFindings(findings).withHardening(closure.hardening())
                    .withEssentials(Essentials.decide(request.check().essentials(), findings));
        }
        Essentials.Outcome essentials = Essentials.layers(request.check().essentials(), whole.essentials(),
                request.check().sysroot(), work.resolve("essentials"), request.container().user(), userContent, log);
        List<LayerFile> fromSysroot = new ArrayList<>();
        for (EssentialLayer essential : essentials.layers()) {
            plan.addLayerBefore(essential.layer());
            fromSysroot.addAll(essential.layer().files());
            essential.environment().forEach(environment::putIfAbsent);
            log.log(BuildListener.Level.LIFECYCLE, "Adding " + essential.layer().name() + " from " + essential.origin());
        }
        for (int i = 0; i < content.rootfsArchives().size(); i++) {
            plan.addLayerBefore(userContent.get(i).layer());
        }
        if (whole.libraries().isPresent()) {
            LayerSpec libraries = librariesLayer(whole.libraries().get(), environment, work.resolve("libraries"));
            plan.addLayerBefore(libraries);
            fromSysroot.addAll(libraries.files());
        }
        // just above the files it describes, below the user's extra directories, which may replace it
        SysrootPackages packages = SysrootPackages.find(request.check().sysroot(), work, fromSysroot);
        Set<String> userPaths = new LinkedHashSet<>();
        userContent.forEach(user -> user.layer().files().forEach(f -> userPaths.add(f.target())));
        Optional<LayerSpec> scanner = packages.scannerLayer(work.resolve("dpkg"), userPaths);
        if (scanner.isPresent()) {
            plan.addLayerBefore(scanner.get());
            log.log(BuildListener.Level.LIFECYCLE, "Adding " + scanner.get().name() + " for image scanners: "
                    + packages.byPackage().keySet().stream().map(p -> p.name() + " " + p.version())
                            .collect(Collectors.joining(", ")));
        }
        if (extra.isPresent()) {
            plan.addLayerBefore(extra.get());
            log.log(BuildListener.Level.LIFECYCLE, "Adding " + ExtraDirectories.LAYER_NAME + ": "
                    + extra.get().files().stream().filter(f -> !f.directory()).count() + " files");
        }
        return new Content(whole.withEssentials(essentials.choices()), List.copyOf(userContent), packages);
    }

    private static LayerSpec librariesLayer(LibraryTree libraries, Map<String, String> environment, Path staging)
            throws EnvironmentException {
        // libraries found through <libraryPaths> or ld.so.conf are where the image's loader only
        // looks when told to: the image has no ld.so.cache
        List<String> searchPath = libraries.libraryPathInImage();
        if (!searchPath.isEmpty()) {
            environment.putIfAbsent("LD_LIBRARY_PATH", String.join(":", searchPath));
        }
        try {
            return LibraryLayer.of(libraries, staging);
        } catch (IOException e) {
            throw new EnvironmentException("Could not write generated files under " + staging + ": "
                    + e.getMessage(), e);
        }
    }

    /** An unsafe archive is the user's to fix, an unreadable one the build's. */
    private static LayerSpec rootfsLayer(Path archive, Path stagingRoot, Set<String> reserved,
            ContentSources content) throws ScratchException {
        if (!Files.isRegularFile(archive)) {
            throw new InvalidInputException("<rootfsArchives> entry " + archive + " is not a file: fix the path");
        }
        try {
            return RootfsArchive.read(archive, stagingRoot.resolve(archive.getFileName().toString()), reserved,
                    content.allowSetuid(), content.archiveLimits());
        } catch (IOException e) {
            throw new EnvironmentException("Could not read " + archive + ": " + e.getMessage(), e);
        }
    }

    private static Optional<LayerSpec> extraDirectoriesLayer(ContentSources content, Set<String> reserved)
            throws ScratchException {
        try {
            return ExtraDirectories.layer(content.extraDirectories(), content.permissions(), reserved,
                    content.allowSetuid());
        } catch (ExtraDirectoryException e) {
            throw new InvalidInputException("<extraDirectories>: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EnvironmentException("Could not read the extra directories: " + e.getMessage(), e);
        }
    }
}
