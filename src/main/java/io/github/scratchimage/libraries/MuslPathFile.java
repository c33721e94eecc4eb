package io.github.scratchimage.libraries;

import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * musl's library search path: {@code /etc/ld-musl-<arch>.path} (entries separated by newlines or
 * colons) when it exists, else musl's built-in {@code /lib:/usr/local/lib:/usr/lib}.
 */
final class MuslPathFile {
    static final List<String> BUILT_IN = List.of("/lib", "/usr/local/lib", "/usr/lib");
    private static final Pattern MUSL_LOADER = Pattern.compile("ld-musl-(.+)\\.so\\.1");

    private MuslPathFile() {
    }

    /** {@code x86_64} for {@code /lib/ld-musl-x86_64.so.1}: the loader's own name says its arch. */
    static Optional<String> archOf(String interpreter) {
        Matcher m = MUSL_LOADER.matcher(interpreter.substring(interpreter.lastIndexOf('/') + 1));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static boolean isMuslLoader(String interpreter) {
        return archOf(interpreter).isPresent();
    }

    /** The directories from the path file, or empty when there is none. */
    static Optional<List<String>> directories(Sysroot sysroot, String arch) throws IOException {
        if (!(sysroot.lookup("/etc/ld-musl-" + arch + ".path") instanceof Sysroot.Lookup.Found found)) {
            return Optional.empty();
        }
        List<String> dirs = new ArrayList<>();
        for (String entry : Files.readString(found.host(), StandardCharsets.UTF_8).split("[\n:]")) {
            String dir = entry.trim();
            if (!dir.isEmpty()) {
                dirs.add(dir);
            }
        }
        return Optional.of(dirs);
    }
}
