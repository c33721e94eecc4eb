package io.github.scratchimage.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The absolute filesystem paths a program's configuration file names, with their line: what a
 * server opens or creates at start ({@code pid /run/nginx.pid;}, {@code dir /var/lib/redis}).
 *
 * <p>Only what reads as a path counts, so that a path the scan reports is worth a warning: the
 * rest of a line after a {@code #} or {@code ;} that starts it or follows a blank (comments in
 * nginx, shell, redis, ini files), a URL ({@code http://host/x}: the path is on another machine),
 * a word with a glob or variable in it ({@code /etc/nginx/conf.d/*.conf}, {@code /tmp/$host}: its
 * final path is decided at run time), and a path whose first component is not one of a Linux
 * root's own directories ({@code location /api/v1/} is a URL path, not a file).
 */
public final class ConfigurationPaths {
    /** Larger files are data, not configuration; a file with a NUL byte in its start is binary. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The directories a Linux root filesystem starts with (the FHS, and /app where images put programs). */
    private static final List<String> ROOT_DIRECTORIES = List.of("app", "bin", "boot", "etc", "home", "lib",
            "lib64", "media", "mnt", "opt", "root", "run", "sbin", "srv", "tmp", "usr", "var");
    /** Characters around a path in configuration syntaxes: quotes, separators, brackets. */
    private static final Pattern WORD = Pattern.compile("[^\\s\"'`;,=:()\\[\\]{}<>]+");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._+@~-]+)+/?");

    /** A path named on a line (1-based). */
    public record NamedPath(int line, String path) {
    }

    private ConfigurationPaths() {
    }

    /** The paths {@code file} names; none for a file that is binary or larger than {@link #MAX_BYTES}. */
    public static List<NamedPath> read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            return List.of();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            return List.of(); // grew while it was read: data, not configuration
        }
        for (byte b : bytes) {
            if (b == 0) {
                return List.of();
            }
        }
        return scan(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** The paths {@code text} names, in order; a path named twice on a line counts once. */
    public static List<NamedPath> scan(String text) {
        List<NamedPath> paths = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = withoutComment(lines[i]);
            Matcher word = WORD.matcher(line);
            List<String> onLine = new ArrayList<>();
            while (word.find()) {
                String path = word.group();
                // a URL's "scheme:" ends the word before it, so what is left starts with "//"
                boolean url = path.startsWith("//");
                if (!url && PATH.matcher(path).matches() && !dotted(path)
                        && ROOT_DIRECTORIES.contains(firstComponent(path))) {
                    String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1)
                            : path;
                    if (!onLine.contains(normalized)) {
                        onLine.add(normalized);
                        paths.add(new NamedPath(i + 1, normalized));
                    }
                }
            }
        }
        return List.copyOf(paths);
    }

    private static String withoutComment(String line) {
        for (int at = 0; at < line.length(); at++) {
            char c = line.charAt(at);
            if ((c == '#' || c == ';' && line.substring(0, at).isBlank())
                    && (at == 0 || Character.isWhitespace(line.charAt(at - 1)))) {
                return line.substring(0, at);
            }
        }
        return line;
    }

    /** {@code /a/../b} and {@code /a/./b} are left out rather than resolved: configurations spell paths plainly. */
    private static boolean dotted(String path) {
        return (path + "/").contains("/../") || (path + "/").contains("/./");
    }

    private static String firstComponent(String path) {
        int end = path.indexOf('/', 1);
        return end < 0 ? path.substring(1) : path.substring(1, end);
    }
}
