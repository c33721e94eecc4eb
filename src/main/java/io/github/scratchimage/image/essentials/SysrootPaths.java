package io.github.scratchimage.image.essentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Resolves an absolute path as a program chrooted into the sysroot would see it: absolute
 * symlinks restart at the sysroot, {@code ..} stops at it. Why not {@link Path#toRealPath}: a
 * sysroot's {@code /usr/share/zoneinfo/localtime -> /etc/localtime} would otherwise resolve to
 * the build machine's own files.
 */
public final class SysrootPaths {
    /** Linux's own limit on symlinks followed in one lookup (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    private SysrootPaths() {
    }

    /** The real path inside {@code sysroot}, or empty when it does not exist or links loop. */
    static Optional<Path> resolve(Path sysroot, String absolutePath) throws IOException {
        Deque<String> pending = new ArrayDeque<>();
        push(pending, absolutePath);
        Deque<String> resolved = new ArrayDeque<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                resolved.pollLast();
                continue;
            }
            Path candidate = join(sysroot, resolved).resolve(name);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                push(pending, target);
                continue;
            }
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            resolved.addLast(name);
        }
        return Optional.of(join(sysroot, resolved));
    }

    private static void push(Deque<String> pending, String path) {
        String[] names = path.split("/");
        for (int i = names.length - 1; i >= 0; i--) {
            pending.push(names[i]);
        }
    }

    private static Path join(Path sysroot, Deque<String> names) {
        Path path = sysroot;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }
}
