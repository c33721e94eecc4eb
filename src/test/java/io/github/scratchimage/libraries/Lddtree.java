package io.github.scratchimage.libraries;

import io.github.scratchimage.testing.TestExecutables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The references the resolver is compared with: pax-utils' {@code lddtree} (static, like us) and
 * glibc's {@code ldd} (runs the loader). lddtree runs under Debian's python3, which has
 * pyelftools, whatever python3 comes first on the PATH.
 */
final class Lddtree {
    private static final String HINT = "apt-get install pax-utils python3-pyelftools";

    private Lddtree() {
    }

    /** {@code lddtree -l}: the interpreter and every library, as paths on this machine (root prefix kept). */
    static List<String> paths(Path executable, Path root) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "/usr/bin/lddtree", "-l"));
        if (!root.toString().equals("/")) {
            command.addAll(List.of("-R", root.toString(), "--no-auto-root"));
        }
        command.add(executable.toString());
        List<String> lines = TestExecutables.run(command, HINT).lines()
                .filter(l -> l.startsWith("/") && !l.startsWith("lddtree:")).toList();
        return lines.subList(1, lines.size()); // the first line is the executable itself
    }

    /** The real files behind {@link #paths}: what an image must contain, whatever the names. */
    static Set<Path> realFiles(Path executable, Path root) {
        return real(paths(executable, root));
    }

    /** The real files {@code ldd} lists (glibc programs of this machine's architecture only). */
    static Set<Path> lddRealFiles(Path executable) {
        List<String> paths = new ArrayList<>();
        for (String line : TestExecutables.run(List.of("ldd", executable.toString()), "apt-get install libc-bin").lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("linux-vdso")) {
                continue;
            }
            String path = trimmed.contains("=>") ? trimmed.substring(trimmed.indexOf("=>") + 2).trim() : trimmed;
            paths.add(path.replaceAll("\\s*\\(0x[0-9a-f]+\\)$", ""));
        }
        return real(paths);
    }

    static Set<Path> real(List<String> paths) {
        Set<Path> result = new TreeSet<>();
        for (String path : paths) {
            try {
                result.add(Path.of(path).toRealPath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }
}
