package io.github.scratchimage.libraries;

import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One {@code <extraLibraries>} entry as the files it names: a soname or a file path as it is, a
 * directory in the sysroot as its ELF files (an interpreter's extension modules, such as Python's
 * {@code lib-dynload}), a glob in the last name ({@code gconv/*.so}) as the files it matches.
 * Directories are not descended into: a module directory is flat, and a tree would pull in tests
 * and build files.
 */
final class ExtraLibraries {
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private ExtraLibraries() {
    }

    /** The entry's paths inside the sysroot, sorted; empty when a directory or glob names no file. */
    static List<String> expand(Sysroot sysroot, String entry) throws IOException {
        if (!entry.startsWith("/")) {
            return List.of(entry);
        }
        String name = entry.substring(entry.lastIndexOf('/') + 1);
        if (isGlob(name)) {
            String directory = ImagePaths.parent(entry);
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
            return files(sysroot, directory, file -> matcher.matches(Path.of(file)));
        }
        Sysroot.Lookup lookup = sysroot.lookup(entry);
        if (lookup instanceof Sysroot.Lookup.NotAFile && sysroot.resolve(entry).filter(Files::isDirectory).isPresent()) {
            return files(sysroot, ImagePaths.normalize(entry), file -> true).stream()
                    .filter(path -> isElf(sysroot, path)).toList();
        }
        return List.of(entry);
    }

    private interface NameFilter {
        boolean accepts(String fileName);
    }

    private static List<String> files(Sysroot sysroot, String directory, NameFilter filter) throws IOException {
        Optional<Path> host = sysroot.resolve(directory).filter(Files::isDirectory);
        if (host.isEmpty()) {
            return List.of();
        }
        TreeSet<String> found = new TreeSet<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(host.get())) {
            for (Path child : children) {
                String fileName = child.getFileName().toString();
                String path = ImagePaths.child(directory, fileName);
                if (filter.accepts(fileName) && sysroot.lookup(path) instanceof Sysroot.Lookup.Found) {
                    found.add(path);
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean isElf(Sysroot sysroot, String path) {
        try {
            return sysroot.resolve(path).map(ExtraLibraries::isElf).orElse(false);
        } catch (IOException e) {
            return false; // unreadable: not offered to the loader
        }
    }

    /** The ELF magic number: what the kernel and ld.so look at first. */
    static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(4), ELF_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isGlob(String name) {
        return name.contains("*") || name.contains("?") || name.contains("[");
    }
}
