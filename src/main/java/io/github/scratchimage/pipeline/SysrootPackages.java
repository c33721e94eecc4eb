package io.github.scratchimage.pipeline;

import io.github.scratchimage.dpkg.DebianPackage;
import io.github.scratchimage.dpkg.DpkgDatabase;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Debian packages of the sysroot that the image holds files of: each bundled library and each
 * essential's file taken from the sysroot, looked up in the sysroot's dpkg database by the file
 * it was copied from (dpkg lists the real file as well as the links to it, and the lookup follows
 * a merged /usr). Empty when nothing comes from the sysroot, and for a sysroot without a dpkg
 * database (Alpine, a hand-made tree): then no database is read at all.
 */
final class SysrootPackages {
    private static final Comparator<DebianPackage> ORDER =
            Comparator.comparing(DebianPackage::name).thenComparing(DebianPackage::architecture);

    private final Optional<DpkgDatabase> database;
    private final Map<String, DebianPackage> ownerByImagePath;

    private SysrootPackages(Optional<DpkgDatabase> database, Map<String, DebianPackage> ownerByImagePath) {
        this.database = database;
        this.ownerByImagePath = Collections.unmodifiableMap(new TreeMap<>(ownerByImagePath));
    }

    static SysrootPackages none() {
        return new SysrootPackages(Optional.empty(), Map.of());
    }

    /**
     * {@code candidates}: the image files that may come from the sysroot; the others, and files the
     * build staged under {@code workDirectory} (which may well lie inside a sysroot of {@code /}),
     * are passed over.
     */
    static SysrootPackages find(Path sysroot, Path workDirectory, List<LayerFile> candidates)
            throws EnvironmentException {
        Path staged = workDirectory.toAbsolutePath().normalize();
        Map<String, Path> inSysroot = new TreeMap<>();
        for (LayerFile file : candidates) {
            if (!file.directory() && !file.symlink() && !file.source().toAbsolutePath().normalize().startsWith(staged)) {
                pathInSysroot(sysroot, file.source()).ifPresent(path -> inSysroot.put(file.target(), Path.of(path)));
            }
        }
        if (inSysroot.isEmpty()) {
            return none();
        }
        try {
            DpkgDatabase db = DpkgDatabase.open(sysroot);
            if (db.packages().isEmpty()) {
                return none();
            }
            Map<String, DebianPackage> owners = new TreeMap<>();
            for (Map.Entry<String, Path> file : inSysroot.entrySet()) {
                db.owner(file.getValue().toString()).ifPresent(pkg -> owners.put(file.getKey(), pkg));
            }
            return new SysrootPackages(Optional.of(db), owners);
        } catch (IOException e) {
            throw new EnvironmentException("Could not read the dpkg database of sysroot " + sysroot
                    + " (var/lib/dpkg), which names the packages of the files the image takes from it: "
                    + e.getMessage() + ". Repair it, or point <sysroot> (" + PropertyNames.SYSROOT
                    + ") at a root whose database dpkg can read.", e);
        }
    }

    /** The database the packages were found in; empty when none was read or it lists no package. */
    Optional<DpkgDatabase> database() {
        return database;
    }

    boolean isEmpty() {
        return ownerByImagePath.isEmpty();
    }

    /** Each package with the image paths of its files that the image holds, by name and architecture. */
    Map<DebianPackage, List<String>> byPackage() {
        Map<DebianPackage, List<String>> packages = new TreeMap<>(ORDER);
        ownerByImagePath.forEach((path, pkg) -> packages.computeIfAbsent(pkg, p -> new ArrayList<>()).add(path));
        return packages;
    }

    /** Every image path a package owns. */
    List<String> imagePaths() {
        return List.copyOf(ownerByImagePath.keySet());
    }

    /** {@code /usr/lib/x/libc.so.6} for {@code <sysroot>/usr/lib/x/libc.so.6}; empty for a file outside the sysroot. */
    private static Optional<String> pathInSysroot(Path sysroot, Path source) {
        Path root = sysroot.toAbsolutePath().normalize();
        Path file = source.toAbsolutePath().normalize();
        if (!file.startsWith(root)) {
            try {
                root = root.toRealPath();
                file = file.toRealPath();
            } catch (IOException e) {
                return Optional.empty();
            }
            if (!file.startsWith(root)) {
                return Optional.empty();
            }
        }
        return Optional.of("/" + root.relativize(file).toString().replace('\\', '/'));
    }
}
