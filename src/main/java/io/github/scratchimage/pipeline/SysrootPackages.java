package io.github.scratchimage.pipeline;

import io.github.scratchimage.dpkg.DebianPackage;
import io.github.scratchimage.dpkg.DpkgDatabase;
import io.github.scratchimage.dpkg.MetadataFile;
import io.github.scratchimage.dpkg.ScannerMetadata;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** The layer's name in the image history. */
    static final String SCANNER_LAYER_NAME = "dpkg-status";

    private final Optional<DpkgDatabase> database;
    private final Map<String, DebianPackage> ownerByImagePath;
    /** Each owned image path's file in the sysroot, which a link may make differ from it. */
    private final Map<String, String> sysrootPathByImagePath;

    private SysrootPackages(Optional<DpkgDatabase> database, Map<String, DebianPackage> ownerByImagePath,
            Map<String, String> sysrootPathByImagePath) {
        this.database = database;
        this.ownerByImagePath = Collections.unmodifiableMap(new TreeMap<>(ownerByImagePath));
        this.sysrootPathByImagePath = Collections.unmodifiableMap(new TreeMap<>(sysrootPathByImagePath));
    }

    static SysrootPackages none() {
        return new SysrootPackages(Optional.empty(), Map.of(), Map.of());
    }

    /**
     * {@code candidates}: the image files that may come from the sysroot; the others, and files the
     * build staged under {@code workDirectory} (which may well lie inside a sysroot of {@code /}),
     * are passed over.
     */
    static SysrootPackages find(Path sysroot, Path workDirectory, List<LayerFile> candidates)
            throws EnvironmentException {
        Path staged = workDirectory.toAbsolutePath().normalize();
        Map<String, String> inSysroot = new TreeMap<>();
        for (LayerFile file : candidates) {
            if (!file.directory() && !file.symlink() && !file.source().toAbsolutePath().normalize().startsWith(staged)) {
                pathInSysroot(sysroot, file.source()).ifPresent(path -> inSysroot.put(file.target(), path));
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
            Map<String, String> sysrootPaths = new TreeMap<>();
            for (Map.Entry<String, String> file : inSysroot.entrySet()) {
                Optional<DebianPackage> owner = db.owner(file.getValue());
                if (owner.isPresent()) {
                    owners.put(file.getKey(), owner.get());
                    sysrootPaths.put(file.getKey(), file.getValue());
                }
            }
            return new SysrootPackages(Optional.of(db), owners, sysrootPaths);
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

    /**
     * The layer that lets image scanners see these packages, as distroless images carry it:
     * {@code /var/lib/dpkg/status.d/<package>} and its {@code .md5sums} (of the files the image
     * holds), the sysroot's {@code /etc/os-release} and {@code /etc/debian_version}. The files are
     * staged under {@code staging}; one the user's own content brings ({@code userPaths}) is left
     * to it. Empty when the image holds no package's files.
     */
    Optional<LayerSpec> scannerLayer(Path staging, Set<String> userPaths) throws EnvironmentException {
        if (database.isEmpty() || isEmpty()) {
            return Optional.empty();
        }
        try {
            List<LayerFile> files = new ArrayList<>();
            for (MetadataFile file : ScannerMetadata.filesCopiedFrom(database.get(), byPackage().keySet(),
                    sysrootPathByImagePath)) {
                if (userPaths.contains(file.path())) {
                    continue;
                }
                Path staged = staging.resolve(file.path().substring(1));
                Files.createDirectories(staged.getParent());
                Files.write(staged, file.content());
                files.add(new LayerFile(staged, file.path(), "644"));
            }
            return Optional.of(new LayerSpec(SCANNER_LAYER_NAME, files));
        } catch (IOException e) {
            throw new EnvironmentException("Could not write the dpkg status files for image scanners under "
                    + staging + " from the dpkg database of sysroot " + database.get().sysroot() + ": "
                    + e.getMessage(), e);
        }
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
