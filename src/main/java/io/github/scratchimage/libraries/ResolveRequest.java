package io.github.scratchimage.libraries;

import io.github.scratchimage.paths.ImagePaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to resolve.
 *
 * @param executable          the program on this machine (it need not be inside the sysroot)
 * @param executableImagePath where the program lands in the image; {@code $ORIGIN} of the
 *                            program means this directory, so libraries found through
 *                            {@code $ORIGIN/../lib} land next to it as the loader will look for them
 * @param sysroot             the root every library path is looked up in ({@code /} for this machine)
 * @param libraryPaths        directories searched where ld.so searches {@code LD_LIBRARY_PATH}
 *                            (paths inside the sysroot; an entry may hold several, colon-separated)
 * @param extraLibraries      libraries the program dlopens: sonames searched like a
 *                            {@code DT_NEEDED} of the program, or absolute paths in the sysroot:
 *                            a file, a directory (its ELF files) or a glob in the last name
 *                            ({@code /usr/lib/x86_64-linux-gnu/gconv/*.so})
 * @param imageFiles          the files the image already holds from the user's content (image path
 *                            to the file on this machine with its bytes): the loader finds them
 *                            before anything the sysroot has at the same path, so they are never
 *                            bundled, and their ELF files' own libraries are resolved as the
 *                            program's are
 */
public record ResolveRequest(
        Path executable,
        String executableImagePath,
        Path sysroot,
        List<String> libraryPaths,
        List<String> extraLibraries,
        Map<String, Path> imageFiles) {

    public ResolveRequest {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(sysroot, "sysroot");
        if (!executableImagePath.startsWith("/")) {
            throw new IllegalArgumentException("executableImagePath must be absolute: " + executableImagePath);
        }
        libraryPaths = List.copyOf(libraryPaths);
        extraLibraries = List.copyOf(extraLibraries);
        imageFiles = Map.copyOf(imageFiles);
    }

    /** Nothing in the image yet but what the resolution adds. */
    public ResolveRequest(Path executable, String executableImagePath, Path sysroot, List<String> libraryPaths,
            List<String> extraLibraries) {
        this(executable, executableImagePath, sysroot, libraryPaths, extraLibraries, Map.of());
    }

    /** This request for an image that already holds {@code files}. */
    public ResolveRequest withImageFiles(Map<String, Path> files) {
        return new ResolveRequest(executable, executableImagePath, sysroot, libraryPaths, extraLibraries, files);
    }

    /** The executable at {@code /app/<file name>} in the image. */
    public ResolveRequest(Path executable, Path sysroot, List<String> libraryPaths, List<String> extraLibraries) {
        this(executable, ImagePaths.inDirectory(ImagePaths.DEFAULT_APP_ROOT, executable.getFileName().toString()), sysroot, libraryPaths, extraLibraries);
    }

    /** This machine's libraries, nothing extra. */
    public static ResolveRequest of(Path executable) {
        return new ResolveRequest(executable, Path.of("/"), List.of(), List.of());
    }
}
