package io.github.scratchimage.libraries;

import io.github.scratchimage.paths.ImagePaths;
import java.nio.file.Path;
import java.util.List;
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
 *                            {@code DT_NEEDED} of the program, or absolute paths in the sysroot
 */
public record ResolveRequest(
        Path executable,
        String executableImagePath,
        Path sysroot,
        List<String> libraryPaths,
        List<String> extraLibraries) {

    public ResolveRequest {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(sysroot, "sysroot");
        if (!executableImagePath.startsWith("/")) {
            throw new IllegalArgumentException("executableImagePath must be absolute: " + executableImagePath);
        }
        libraryPaths = List.copyOf(libraryPaths);
        extraLibraries = List.copyOf(extraLibraries);
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
