package io.github.scratchimage.libraries;

import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.paths.Sysroot;

/**
 * One directory of a search: {@code directory} inside {@code sysroot}, and the directory the
 * image's loader will search for the same thing ({@code imageDirectory}; they differ only for
 * {@code $ORIGIN} of an executable that lives outside the sysroot).
 */
record SearchDirectory(Sysroot sysroot, String directory, String imageDirectory, FoundVia via) {

    static SearchDirectory inSysroot(Sysroot sysroot, String directory, FoundVia via) {
        return new SearchDirectory(sysroot, directory, ImagePaths.normalize(directory), via);
    }
}
