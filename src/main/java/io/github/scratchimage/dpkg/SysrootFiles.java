package io.github.scratchimage.dpkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Paths looked up inside a sysroot as a program chrooted into it would: an absolute symlink
 * restarts at the sysroot and {@code ..} stops there, so no link, however written, leads to this
 * machine's own files. Why it matters here: a sysroot whose {@code var/lib/dpkg} is an absolute
 * link would otherwise describe the build machine's packages instead of its own.
 */
final class SysrootFiles {
    /** Linux's limit on symlinks followed in one lookup (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    private final Path root;

    SysrootFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The file at {@code path} after every link is followed, when it is a regular file. */
    Optional<Path> regularFile(String path) throws IOException {
        Optional<String> real = resolve(path);
        if (real.isEmpty()) {
            return Optional.empty();
        }
        Path host = host(real.get());
        return Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS) ? Optional.of(host) : Optional.empty();
    }

    /** The directory at {@code path} after every link is followed, when it is one. */
    Optional<Path> directory(String path) throws IOException {
        Optional<String> real = resolve(path);
        if (real.isEmpty()) {
            return Optional.empty();
        }
        Path host = host(real.get());
        return Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS) ? Optional.of(host) : Optional.empty();
    }

    /**
     * {@code path} with its directories' links followed and its last name kept as it is: the
     * spelling of a file that both {@code /lib/x/libc.so.6} and {@code /usr/lib/x/libc.so.6} share
     * when {@code /lib} links to {@code usr/lib}, without turning a symlink into what it points
     * at.
     */
    String canonicalParent(String path) throws IOException {
        List<String> names = path.indexOf('\0') >= 0 ? new ArrayList<>() : names(path);
        if (names.isEmpty()) {
            return lexical(path);
        }
        String last = names.remove(names.size() - 1);
        return join(canonicalDirectory("/" + String.join("/", names)), last);
    }

    /** The directory's real path, or when it does not exist (or links loop) its path as written. */
    String canonicalDirectory(String directory) throws IOException {
        return resolve(directory).filter(real -> Files.isDirectory(host(real), LinkOption.NOFOLLOW_LINKS))
                .orElse(lexical(directory));
    }

    static String join(String directory, String name) {
        return directory.equals("/") ? "/" + name : directory + "/" + name;
    }

    /** The real path inside the sysroot, empty when something on the way is missing or links loop. */
    Optional<String> resolve(String path) throws IOException {
        if (path.indexOf('\0') >= 0) {
            return Optional.empty(); // no file name holds a NUL, and Java paths refuse one
        }
        Deque<String> pending = new ArrayDeque<>(names(path));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            Path candidate = host(resolved).resolve(name);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetNames = names(target);
                for (int i = targetNames.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetNames.get(i));
                }
                continue;
            }
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            resolved.add(name);
        }
        return Optional.of("/" + String.join("/", resolved));
    }

    private Path host(String real) {
        return host(names(real));
    }

    private Path host(List<String> names) {
        return names.isEmpty() ? root : root.resolve(String.join("/", names));
    }

    /** {@code .} and {@code ..} folded without looking at the filesystem, {@code ..} stopping at the root. */
    private static String lexical(String path) {
        List<String> kept = new ArrayList<>();
        for (String name : names(path)) {
            if (name.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else {
                kept.add(name);
            }
        }
        return "/" + String.join("/", kept);
    }

    private static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }
}
