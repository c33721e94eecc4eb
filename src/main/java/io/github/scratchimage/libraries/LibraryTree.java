package io.github.scratchimage.libraries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a dynamically linked program needs in a {@code FROM scratch} image, and what stands in
 * its way. A static program gives an empty tree.
 *
 * @param executable         the program's path as requested
 * @param files              the files to copy into the image, interpreter first, then the
 *                           {@code DT_NEEDED} closure breadth first, then companions and extras;
 *                           no image path twice
 * @param generatedFiles     small files to write into the image ({@code /etc/nsswitch.conf})
 * @param unresolved         libraries not found
 * @param versionMismatches  symbol versions needed but not defined by the library found
 * @param skippedCandidates  files passed over during the search (wrong architecture, not ELF, loops)
 * @param fromImage          ELF files the image already holds from the user's content that the
 *                           loader will map (each with who needs it; a file the user added
 *                           that nothing needs has none): not bundled, but their libraries are
 * @param conflicts          paths where the user's content holds other bytes than the file the
 *                           sysroot would bundle there
 */
public record LibraryTree(
        String executable,
        List<BundledFile> files,
        List<GeneratedFile> generatedFiles,
        List<UnresolvedLibrary> unresolved,
        List<VersionMismatch> versionMismatches,
        List<SkippedCandidate> skippedCandidates,
        List<BundledFile> fromImage,
        List<ContentConflict> conflicts) {

    /**
     * The user's file at {@code imagePath} ({@code inImage}) and the sysroot's file the loader's
     * search reached at the same path ({@code inSysroot}) differ.
     */
    public record ContentConflict(String imagePath, Path inImage, Path inSysroot, List<Need> neededBy) {
        public ContentConflict {
            neededBy = List.copyOf(neededBy);
        }
    }

    public LibraryTree {
        files = List.copyOf(files);
        generatedFiles = List.copyOf(generatedFiles);
        unresolved = List.copyOf(unresolved);
        versionMismatches = List.copyOf(versionMismatches);
        skippedCandidates = List.copyOf(skippedCandidates);
        fromImage = List.copyOf(fromImage);
        conflicts = List.copyOf(conflicts);
    }

    /** A tree for an image with nothing of the user's content in it. */
    public LibraryTree(String executable, List<BundledFile> files, List<GeneratedFile> generatedFiles,
            List<UnresolvedLibrary> unresolved, List<VersionMismatch> versionMismatches,
            List<SkippedCandidate> skippedCandidates) {
        this(executable, files, generatedFiles, unresolved, versionMismatches, skippedCandidates, List.of(), List.of());
    }

    /** True when the program (and every ELF file of the image) will find every library and version it needs. */
    public boolean complete() {
        return unresolved.isEmpty() && versionMismatches.isEmpty() && conflicts.isEmpty();
    }

    public Optional<BundledFile> file(String imagePath) {
        return files.stream().filter(f -> f.imagePath().equals(imagePath)).findFirst();
    }

    public List<String> imagePaths() {
        return files.stream().map(BundledFile::imagePath).toList();
    }

    /**
     * The {@code LD_LIBRARY_PATH} the image needs: directories of files that the loader found
     * only through the request's library paths, {@code ld.so.conf} (the image has no
     * {@code ld.so.cache}) or musl's path file (not in the image). Empty when the loader's own
     * search finds everything.
     */
    public List<String> libraryPathInImage() {
        List<String> directories = new ArrayList<>();
        for (BundledFile f : files) {
            String directory = f.imagePath().substring(0, Math.max(1, f.imagePath().lastIndexOf('/')));
            if (f.foundVia().needsLibraryPathInImage() && !directories.contains(directory)) {
                directories.add(directory);
            }
        }
        return directories;
    }

    public long totalSize() {
        return files.stream().mapToLong(BundledFile::size).sum();
    }
}
