package io.github.scratchimage.image.content;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.ReservedPaths;
import io.github.scratchimage.image.content.ArchiveEntry.Type;
import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a rootfs archive (tar, tar.gz, tar.xz, tar.bz2, zip) into one layer, after checking
 * every entry; see docs/essentials.md for the rules. Owners become 0:0 and times the plan's;
 * permission bits are kept, setuid/setgid only when allowed.
 *
 * <p>Symlinks: a symlink stays a symlink in the layer, with the link text the archive has, and is
 * never followed on the build host. One whose chain ends at a file in the archive carries that
 * file as its content; one that is absolute or points at nothing in the archive (a plain
 * {@code tar} of a Debian directory holds such links) is kept as it is, and the finished image
 * is checked for links that point at nothing in any layer ({@link ImageSymlinks}). A symlink to a
 * directory of the archive, or one whose target climbs out of the root, is refused: a directory
 * link lets a later layer (bundled libraries, an essential) write through it into another path.
 */
public final class RootfsArchive {
    private static final int SETUID_SETGID = 06000;

    private final Path archive;
    private final ReservedPaths reservedPaths;
    private final boolean allowSetuid;
    private final Map<String, Resolved> entries = new LinkedHashMap<>();

    private record Resolved(String path, ArchiveEntry entry) {
    }

    private RootfsArchive(Path archive, Set<String> reservedPaths, boolean allowSetuid) {
        this.archive = archive;
        this.reservedPaths = ReservedPaths.of(reservedPaths);
        this.allowSetuid = allowSetuid;
    }

    /**
     * Reads {@code archive} into a layer named {@code rootfs-<file name>}, extracting contents to
     * {@code stagingDir}. {@code reservedPaths} (absolute: the executable's path, essentials' files)
     * may not be replaced by the archive.
     */
    public static LayerSpec read(Path archive, Path stagingDir, Set<String> reservedPaths, boolean allowSetuid)
            throws IOException, UnsafeArchiveException {
        return read(archive, stagingDir, reservedPaths, allowSetuid, ExtractionLimits.DEFAULT);
    }

    /** As {@link #read(Path, Path, Set, boolean)}, refusing an archive that extracts past {@code limits}. */
    public static LayerSpec read(Path archive, Path stagingDir, Set<String> reservedPaths, boolean allowSetuid,
            ExtractionLimits limits) throws IOException, UnsafeArchiveException {
        return new RootfsArchive(archive, reservedPaths, allowSetuid).read(stagingDir, limits);
    }

    private LayerSpec read(Path stagingDir, ExtractionLimits limits) throws IOException, UnsafeArchiveException {
        List<ArchiveEntry> raw;
        try {
            raw = ArchiveEntryReader.read(archive, stagingDir, limits);
        } catch (IOException e) {
            throw new IOException("cannot read rootfs archive " + archive + ": " + e.getMessage(), e);
        }
        for (ArchiveEntry entry : raw) {
            Optional<String> path = normalise(entry.rawName());
            if (path.isPresent()) {
                checkType(entry);
                entries.put(path.get(), new Resolved(path.get(), entry)); // later entries win, as tar extracts
            }
        }
        // Structure first, then ownership, then links: the refusal names the root cause.
        for (Resolved r : entries.values()) {
            checkNotThroughSymlink(r);
        }
        for (Resolved r : entries.values()) {
            checkReserved(r);
        }
        List<LayerFile> files = new ArrayList<>();
        for (Resolved r : entries.values()) {
            files.add(layerFile(r));
        }
        return new LayerSpec("rootfs-" + archive.getFileName(), files);
    }

    /** The absolute path in the image; empty for the root itself ({@code ./}). */
    private Optional<String> normalise(String rawName) throws UnsafeArchiveException {
        if (rawName.startsWith("/")) {
            throw refuse(rawName, "has an absolute path", "archive paths relative to the root (tar -C DIR -cf X .)");
        }
        Deque<String> names = new ArrayDeque<>();
        for (String name : rawName.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (names.pollLast() == null) {
                    throw refuse(rawName, "leaves the archive's root through ..",
                            "archive paths that stay inside the root");
                }
                continue;
            }
            names.addLast(name);
        }
        return names.isEmpty() ? Optional.empty() : Optional.of("/" + String.join("/", names));
    }

    private void checkType(ArchiveEntry entry) throws UnsafeArchiveException {
        if (entry.type() == Type.DEVICE_OR_FIFO) {
            throw refuse(entry.rawName(), "is a device file or fifo",
                    "remove it: container runtimes create /dev, an image must not carry device nodes");
        }
        if (entry.type() == Type.OTHER) {
            throw refuse(entry.rawName(), "has a tar entry type the image cannot hold", "remove it from the archive");
        }
        if ((entry.mode() & SETUID_SETGID) != 0 && !allowSetuid && entry.type() != Type.SYMLINK) {
            throw refuse(entry.rawName(), "has the " + ((entry.mode() & 04000) != 0 ? "setuid" : "setgid")
                    + " bit (mode " + Integer.toOctalString(entry.mode()) + ")",
                    "clear it (chmod u-s,g-s) or set <allowSetuid>true</allowSetuid> if the image needs it");
        }
    }

    private void checkNotThroughSymlink(Resolved r) throws UnsafeArchiveException {
        for (int slash = r.path().indexOf('/', 1); slash > 0; slash = r.path().indexOf('/', slash + 1)) {
            Resolved parent = entries.get(r.path().substring(0, slash));
            if (parent != null && parent.entry().type() != Type.DIRECTORY) {
                throw refuse(r.entry().rawName(), "is written through " + parent.path() + ", which is a "
                        + parent.entry().type().name().toLowerCase(), parent.entry().type() == Type.SYMLINK
                        ? "archive the real directory instead of the link" : "remove one of the two entries");
            }
        }
    }

    private void checkReserved(Resolved r) throws UnsafeArchiveException {
        Optional<ReservedPaths.Conflict> conflict = reservedPaths.conflict(r.path(), r.entry().type() == Type.DIRECTORY);
        if (conflict.isPresent()) {
            throw refuse(r.entry().rawName(), conflict.get().problem() + ", which the plugin puts in the image",
                    "remove it from the archive, or turn off the option that adds " + conflict.get().reserved());
        }
    }

    private LayerFile layerFile(Resolved r) throws UnsafeArchiveException {
        ArchiveEntry e = r.entry();
        return switch (e.type()) {
            case DIRECTORY -> LayerFile.directory(r.path(), octal(e.mode()));
            case FILE -> new LayerFile(e.content(), r.path(), octal(e.mode()));
            case HARDLINK -> {
                Optional<String> target = normaliseLinkTarget("/", e.linkTarget());
                Resolved file = target.map(entries::get).orElse(null);
                if (file == null || file.entry().type() != Type.FILE) {
                    throw refuse(e.rawName(), "is a hard link to " + e.linkTarget() + ", which is not a file in the"
                            + " archive", "archive the file itself, or the file it links to as well");
                }
                yield new LayerFile(file.entry().content(), r.path(), octal(e.mode() == 0 ? file.entry().mode() : e.mode()));
            }
            case SYMLINK -> {
                // Kept as the link the archive has; its content only when it ends at a file in the archive.
                Optional<Resolved> file = followSymlink(r);
                yield file.isPresent() ? LayerFile.symlink(r.path(), e.linkTarget(), file.get().entry().content())
                        : LayerFile.unresolvedSymlink(r.path(), e.linkTarget());
            }
            default -> throw new IllegalStateException("checked in checkType: " + e.type());
        };
    }

    /**
     * Follows a chain of symlinks inside the archive to a regular file; empty when the chain leaves
     * the archive (the other layers may hold the target); refuses a directory, a loop, or a
     * target above the root.
     */
    private Optional<Resolved> followSymlink(Resolved link) throws UnsafeArchiveException {
        Resolved current = link;
        for (int hops = 0; hops < Sysroot.MAX_SYMLINKS; hops++) {
            String parent = current.path().substring(0, current.path().lastIndexOf('/') + 1);
            Optional<String> target = normaliseLinkTarget(parent, current.entry().linkTarget());
            if (target.isEmpty()) {
                throw refuse(link.entry().rawName(), "is a symlink to " + link.entry().linkTarget()
                        + ", which climbs out of the image's root", "link to a path inside the root");
            }
            Resolved next = entries.get(target.get());
            if (next == null) {
                return Optional.empty();
            }
            switch (next.entry().type()) {
                case FILE:
                    return Optional.of(next);
                case HARDLINK:
                    return Optional.of(new Resolved(next.path(), new ArchiveEntry(next.entry().rawName(), Type.FILE,
                            layerFile(next).modeBits(), null, layerFile(next).source())));
                case SYMLINK:
                    current = next;
                    continue;
                default:
                    throw refuse(link.entry().rawName(), "is a symlink to the directory " + next.path(),
                            "a directory link lets later layers write through it into another path: archive the"
                                    + " directory under " + link.path() + " itself, or drop the link");
            }
        }
        throw refuse(link.entry().rawName(), "is a symlink chain longer than " + Sysroot.MAX_SYMLINKS + " (a loop?)",
                "fix the links");
    }

    /** A link target as an absolute path in the archive; empty when it leaves the root. */
    private static Optional<String> normaliseLinkTarget(String parentDir, String target) {
        String joined = target.startsWith("/") ? target : parentDir + target;
        Deque<String> names = new ArrayDeque<>();
        for (String name : joined.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (names.pollLast() == null) {
                    return Optional.empty();
                }
                continue;
            }
            names.addLast(name);
        }
        return Optional.of("/" + String.join("/", names));
    }

    private static String octal(int mode) {
        return String.format("%03o", mode & 07777);
    }

    private UnsafeArchiveException refuse(String entry, String problem, String fix) {
        return new UnsafeArchiveException(archive, entry, problem, fix);
    }
}
