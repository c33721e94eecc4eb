package io.github.scratchimage.libraries;

import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The directories of {@code /etc/ld.so.conf} in the sysroot, with its {@code include} globs
 * expanded in sorted order as ldconfig does. ld.so reads them through {@code ld.so.cache}; we read
 * the configuration itself, so there is no cache to be stale.
 */
final class LdSoConf {
    static final String PATH = "/etc/ld.so.conf";
    /** Include chains deeper than this are cycles or abuse. */
    private static final int MAX_DEPTH = 16;

    private LdSoConf() {
    }

    static List<String> directories(Sysroot sysroot) throws IOException {
        List<String> result = new ArrayList<>();
        read(sysroot, PATH, result, new HashSet<>(), 0);
        return result;
    }

    private static void read(Sysroot sysroot, String file, List<String> out, Set<String> seen, int depth)
            throws IOException {
        if (depth > MAX_DEPTH || !(sysroot.lookup(file) instanceof Sysroot.Lookup.Found found) || !seen.add(found.real())) {
            return;
        }
        // ldconfig reads bytes: a Latin-1 comment must not fail the build, and a directory whose
        // name is not UTF-8 cannot be named by a Java path anyway, so undecodable bytes become U+FFFD.
        String text = new String(Files.readAllBytes(found.host()), StandardCharsets.UTF_8);
        for (String rawLine : text.split("\n")) {
            String line = stripComment(rawLine).trim();
            if (line.isEmpty() || line.startsWith("hwcap ")) {
                continue;
            }
            if (line.startsWith("include") && line.length() > 7 && Character.isWhitespace(line.charAt(7))) {
                for (String pattern : line.substring(8).trim().split("\\s+")) {
                    String absolute = pattern.startsWith("/") ? pattern : ImagePaths.child(ImagePaths.parent(file), pattern);
                    for (String included : glob(sysroot, absolute)) {
                        read(sysroot, included, out, seen, depth + 1);
                    }
                }
                continue;
            }
            for (String directory : line.split("[\\s:,]+")) {
                // "dir=libc5" is an old ldconfig type annotation: the directory is before the '='
                String path = directory.contains("=") ? directory.substring(0, directory.indexOf('=')) : directory;
                if (path.startsWith("/") && !out.contains(path)) {
                    out.add(path);
                }
            }
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** Files matching a glob in its last component (ld.so.conf.d/*.conf), sorted; a plain path as is. */
    private static List<String> glob(Sysroot sysroot, String pattern) throws IOException {
        String directory = ImagePaths.parent(pattern);
        String namePattern = pattern.substring(pattern.lastIndexOf('/') + 1);
        if (!namePattern.contains("*") && !namePattern.contains("?") && !namePattern.contains("[")) {
            return List.of(pattern);
        }
        Sysroot.Lookup dir = sysroot.lookup(directory);
        if (!(dir instanceof Sysroot.Lookup.NotAFile notAFile)) {
            return List.of();
        }
        Path host = sysroot.root().resolve(notAFile.real().substring(1));
        if (!Files.isDirectory(host)) {
            return List.of();
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + namePattern);
        } catch (IllegalArgumentException e) {
            return List.of(); // glob(3), as ldconfig calls it, matches nothing for a malformed pattern
        }
        List<String> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(host)) {
            for (Path entry : entries) {
                if (matcher.matches(entry.getFileName())) {
                    matches.add(ImagePaths.child(notAFile.real(), entry.getFileName().toString()));
                }
            }
        }
        matches.sort(null);
        return matches;
    }
}
