package io.github.scratchimage.paths;

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
 * A directory tree seen as if it were {@code /}, as the image's loader will see it: paths are
 * walked one component at a time, a symlink's absolute target starts again at this root and
 * {@code ..} stops at it, like {@code chroot}. So a symlink can never lead outside, and a loop
 * ends after {@value #MAX_SYMLINKS} links (the kernel's ELOOP limit) as data instead of a hang.
 */
public final class Sysroot {
    /** Linux's own limit on symlinks followed in one lookup (MAXSYMLINKS). */
    public static final int MAX_SYMLINKS = 40;

    private final Path root;

    public Sysroot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** This machine's own filesystem, for files found relative to an executable outside the sysroot. */
    public static Sysroot host() {
        return new Sysroot(Path.of("/"));
    }

    public Path root() {
        return root;
    }

    /** Where {@code path} (absolute, inside this root) leads after following every symlink. */
    public Lookup lookup(String path) throws IOException {
        if (path.indexOf('\0') >= 0) {
            return new Lookup.Missing(path); // no file name holds a NUL; ld.so.conf may, Java paths may not
        }
        Deque<String> pending = new ArrayDeque<>(components(path));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String component = pending.removeFirst();
            if (component.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            resolved.add(component);
            Path host = host(resolved);
            if (Files.isSymbolicLink(host)) {
                if (++links > MAX_SYMLINKS) {
                    return new Lookup.Loop(path);
                }
                String target = Files.readSymbolicLink(host).toString();
                resolved.remove(resolved.size() - 1);
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetComponents = components(target);
                for (int i = targetComponents.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetComponents.get(i));
                }
            } else if (!pending.isEmpty() && !Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                return new Lookup.Missing(path); // ENOENT or ENOTDIR: nothing further down
            }
        }
        Path host = host(resolved);
        if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
            return new Lookup.Missing(path);
        }
        String real = "/" + String.join("/", resolved);
        if (!Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
            return new Lookup.NotAFile(path, real);
        }
        return new Lookup.Found(path, real, host);
    }

    /**
     * Where {@code path} leads on the build host, file or directory, after following every symlink
     * inside this root; empty when nothing is there or the links loop.
     */
    public Optional<Path> resolve(String path) throws IOException {
        Lookup lookup = lookup(path);
        if (lookup instanceof Lookup.Found found) {
            return Optional.of(found.host());
        }
        if (lookup instanceof Lookup.NotAFile notAFile) {
            return Optional.of(host(components(notAFile.real())));
        }
        return Optional.empty();
    }

    private Path host(List<String> components) {
        return components.isEmpty() ? root : root.resolve(String.join("/", components));
    }

    private static List<String> components(String path) {
        List<String> result = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                result.add(part);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return root.toString();
    }

    /** The outcome of following a path inside a {@link Sysroot}. */
    public sealed interface Lookup {
        /** The path as asked for. */
        String path();

        /** A regular file; {@code real} is its path inside the root, {@code host} where to read it. */
        record Found(String path, String real, Path host) implements Lookup {
        }

        record Missing(String path) implements Lookup {
        }

        record Loop(String path) implements Lookup {
        }

        record NotAFile(String path, String real) implements Lookup {
        }
    }
}
