package io.github.scratchimage.dpkg;

import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The dpkg database's view of a sysroot, through {@link Sysroot}'s chroot-style lookup: an
 * absolute symlink restarts at the sysroot and {@code ..} stops there, so no link, however
 * written, leads to this machine's own files. Why it matters here: a sysroot whose {@code var/lib/dpkg} is an absolute
 * link would otherwise describe the build machine's packages instead of its own.
 */
final class SysrootFiles {
    private final Sysroot sysroot;

    SysrootFiles(Path root) {
        this.sysroot = new Sysroot(root);
    }

    Path root() {
        return sysroot.root();
    }

    /** The file at {@code path} after every link is followed, when it is a regular file. */
    Optional<Path> regularFile(String path) throws IOException {
        return sysroot.lookup(path) instanceof Sysroot.Lookup.Found found ? Optional.of(found.host()) : Optional.empty();
    }

    /** The directory at {@code path} after every link is followed, when it is one. */
    Optional<Path> directory(String path) throws IOException {
        return sysroot.resolve(path).filter(host -> Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * {@code path} with its directories' links followed and its last name kept as it is: the
     * spelling of a file that both {@code /lib/x/libc.so.6} and {@code /usr/lib/x/libc.so.6} share
     * when {@code /lib} links to {@code usr/lib}, without turning a symlink into what it points
     * at.
     */
    String canonicalParent(String path) throws IOException {
        String normal = ImagePaths.normalize(path);
        if (path.indexOf('\0') >= 0 || normal.equals("/")) {
            return normal;
        }
        return join(canonicalDirectory(ImagePaths.parent(normal)), normal.substring(normal.lastIndexOf('/') + 1));
    }

    /** The directory's real path, or when it does not exist (or links loop) its path as written. */
    String canonicalDirectory(String directory) throws IOException {
        Sysroot.Lookup lookup = sysroot.lookup(directory);
        if (lookup instanceof Sysroot.Lookup.NotAFile notAFile
                && Files.isDirectory(sysroot.root().resolve(notAFile.real().substring(1)), LinkOption.NOFOLLOW_LINKS)) {
            return notAFile.real();
        }
        return ImagePaths.normalize(directory);
    }

    static String join(String directory, String name) {
        return ImagePaths.child(directory, name);
    }
}
