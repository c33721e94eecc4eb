package io.github.scratchimage.dpkg;

import io.github.scratchimage.purl.PackageUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dpkg database of a sysroot ({@code var/lib/dpkg}): its installed packages, which package
 * installed a file, and the MD5s dpkg recorded. Every file is read inside the sysroot, links
 * resolved as in a chroot. A sysroot without a dpkg database (Alpine, a hand-made tree) is an
 * empty database.
 */
public final class DpkgDatabase {
    static final String ADMIN_DIR = "/var/lib/dpkg";
    private static final Pattern SOURCE = Pattern.compile("(\\S+)(?:\\s+\\((\\S+)\\))?");
    private static final Pattern MD5_LINE = Pattern.compile("([0-9a-f]{32}) [ *](.+)");
    private static final Comparator<DebianPackage> ORDER =
            Comparator.comparing(DebianPackage::name).thenComparing(DebianPackage::architecture);

    private final SysrootFiles sysroot;
    private final List<DebianPackage> packages;
    private final Optional<OsRelease> osRelease;
    private Map<String, DebianPackage> owners;

    private DpkgDatabase(SysrootFiles sysroot, List<DebianPackage> packages, Optional<OsRelease> osRelease) {
        this.sysroot = sysroot;
        this.packages = packages;
        this.osRelease = osRelease;
    }

    /** Reads {@code var/lib/dpkg/status} and {@code etc/os-release} of {@code sysroot}. */
    public static DpkgDatabase open(Path sysroot) throws IOException {
        SysrootFiles files = new SysrootFiles(sysroot);
        List<DebianPackage> packages = new ArrayList<>();
        Optional<Path> status = files.regularFile(ADMIN_DIR + "/status");
        if (status.isPresent()) {
            String text = text(status.get());
            for (ControlStanzas.Stanza stanza : ControlStanzas.parse(status.get(), text)) {
                installed(status.get(), stanza).ifPresent(packages::add);
            }
        }
        packages.sort(ORDER);
        return new DpkgDatabase(files, List.copyOf(packages), readOsRelease(files));
    }

    public Path sysroot() {
        return sysroot.root();
    }

    /** The installed packages, by name and then architecture. */
    public List<DebianPackage> packages() {
        return packages;
    }

    /** The installed package called {@code name} (the first architecture when several are installed). */
    public Optional<DebianPackage> find(String name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<OsRelease> osRelease() {
        return osRelease;
    }

    /**
     * The package that installed the file at {@code pathInSysroot} (absolute, as the image will
     * see it). Directories are followed through links on both sides, so on a merged-/usr system
     * {@code /lib/x86_64-linux-gnu/libc.so.6}, as libc6 lists it, and
     * {@code /usr/lib/x86_64-linux-gnu/libc.so.6}, where it lies, find the same package. Empty
     * for a file no package lists, such as one the image build generated.
     */
    public Optional<DebianPackage> owner(String pathInSysroot) throws IOException {
        return Optional.ofNullable(owners().get(canonical(pathInSysroot)));
    }

    /** The paths {@code pkg}'s {@code .list} names, files and directories, as dpkg wrote them. */
    public List<String> listedPaths(DebianPackage pkg) throws IOException {
        Optional<Path> list = infoFile(pkg, "list");
        if (list.isEmpty()) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (String line : text(list.get()).split("\n")) {
            if (!line.isEmpty() && !line.equals("/.")) {
                paths.add(line);
            }
        }
        return List.copyOf(paths);
    }

    /** The MD5 of every file {@code pkg} installed, in the order of its {@code md5sums} file. */
    public List<Md5Sum> md5sums(DebianPackage pkg) throws IOException {
        Optional<Path> file = infoFile(pkg, "md5sums");
        if (file.isEmpty()) {
            return List.of(); // a package of only directories and symlinks has none
        }
        List<Md5Sum> sums = new ArrayList<>();
        String[] lines = text(file.get()).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Matcher matcher = MD5_LINE.matcher(line);
            if (!matcher.matches()) {
                throw new DpkgFormatException(file.get(), i + 1, "expected 32 lowercase hex digits, two spaces"
                        + " and a path, as md5sum writes; found '" + line + "'");
            }
            String path = matcher.group(2);
            sums.add(new Md5Sum(path.startsWith("/") ? path : "/" + path, matcher.group(1)));
        }
        return List.copyOf(sums);
    }

    /**
     * {@code pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64&distro=debian-12}: the vendor is
     * os-release's {@code ID}, {@code debian} when the sysroot has no os-release.
     */
    public PackageUrl purl(DebianPackage pkg) {
        String vendor = osRelease.map(OsRelease::id).orElse("debian");
        return PackageUrl.deb(vendor, pkg.name(), pkg.version(), pkg.architecture(),
                osRelease.flatMap(OsRelease::distro));
    }

    /** How {@link #owner} compares paths: directories resolved inside the sysroot, the last name kept. */
    String canonical(String pathInSysroot) throws IOException {
        return sysroot.canonicalParent(pathInSysroot);
    }

    /** The content of a regular file of the sysroot, links followed inside it. */
    Optional<byte[]> read(String path) throws IOException {
        Optional<Path> file = sysroot.regularFile(path);
        return file.isPresent() ? Optional.of(Files.readAllBytes(file.get())) : Optional.empty();
    }

    /** {@code info/<name>:<arch>.<kind>} for packages that may be co-installed, else {@code info/<name>.<kind>}. */
    private Optional<Path> infoFile(DebianPackage pkg, String kind) throws IOException {
        Optional<Path> qualified = sysroot.regularFile(ADMIN_DIR + "/info/" + pkg.qualifiedName() + "." + kind);
        return qualified.isPresent() ? qualified : sysroot.regularFile(ADMIN_DIR + "/info/" + pkg.name() + "." + kind);
    }

    private synchronized Map<String, DebianPackage> owners() throws IOException {
        if (owners == null) {
            Map<String, DebianPackage> index = new HashMap<>();
            Map<String, String> canonicalDirectories = new HashMap<>();
            for (DebianPackage pkg : packages) {
                List<String> listed = listedPaths(pkg);
                for (int i = 0; i < listed.size(); i++) {
                    String path = listed.get(i);
                    // .list files are in archive order: a directory comes right before what it holds
                    boolean directory = i + 1 < listed.size() && listed.get(i + 1).startsWith(path + "/");
                    if (!directory) {
                        index.putIfAbsent(canonical(path, canonicalDirectories), pkg);
                    }
                }
            }
            owners = index;
        }
        return owners;
    }

    private String canonical(String path, Map<String, String> canonicalDirectories) throws IOException {
        int slash = path.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : path.substring(0, slash);
        String directory = canonicalDirectories.get(parent);
        if (directory == null) {
            directory = sysroot.canonicalDirectory(parent);
            canonicalDirectories.put(parent, directory);
        }
        return SysrootFiles.join(directory, path.substring(slash + 1));
    }

    private static Optional<DebianPackage> installed(Path file, ControlStanzas.Stanza stanza)
            throws DpkgFormatException {
        String name = stanza.value("Package");
        if (name == null || name.isEmpty()) {
            throw new DpkgFormatException(file, stanza.line(), "a package stanza without a Package field");
        }
        String status = stanza.value("Status");
        if (status == null) {
            throw new DpkgFormatException(file, stanza.line(), "package " + name + " has no Status field;"
                    + " dpkg writes one for every package it knows");
        }
        String[] words = status.trim().split("\\s+");
        if (words.length != 3) {
            throw new DpkgFormatException(file, stanza.line(), "package " + name + " has Status '" + status
                    + "'; dpkg writes three words such as 'install ok installed'");
        }
        if (!words[2].equals("installed")) {
            return Optional.empty(); // removed with its configuration kept, half-installed, ...: no files to own
        }
        String version = required(file, stanza, name, "Version");
        String architecture = required(file, stanza, name, "Architecture");
        Optional<String> source = Optional.empty();
        Optional<String> sourceVersion = Optional.empty();
        String sourceField = stanza.value("Source");
        if (sourceField != null) {
            Matcher matcher = SOURCE.matcher(sourceField.trim());
            if (!matcher.matches()) {
                throw new DpkgFormatException(file, stanza.line(), "package " + name + " has Source '" + sourceField
                        + "'; expected a name, optionally followed by a version in parentheses");
            }
            source = Optional.of(matcher.group(1));
            sourceVersion = Optional.ofNullable(matcher.group(2));
        }
        return Optional.of(new DebianPackage(name, version, architecture, source, sourceVersion, status.trim(),
                stanza.fields()));
    }

    private static String required(Path file, ControlStanzas.Stanza stanza, String name, String field)
            throws DpkgFormatException {
        String value = stanza.value(field);
        if (value == null || value.isBlank()) {
            throw new DpkgFormatException(file, stanza.line(), "installed package " + name + " has no " + field
                    + " field");
        }
        return value.trim();
    }

    /**
     * The file decoded as UTF-8, with bytes that are not UTF-8 replaced rather than fatal: a maintainer's name
     * in Latin-1 or a file name in another encoding must not make the whole database unreadable.
     */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static Optional<OsRelease> readOsRelease(SysrootFiles files) throws IOException {
        for (String path : List.of("/etc/os-release", "/usr/lib/os-release")) { // os-release(5): this order
            Optional<Path> file = files.regularFile(path);
            if (file.isPresent()) {
                return Optional.of(OsRelease.parse(file.get(), Files.readAllBytes(file.get())));
            }
        }
        return Optional.empty();
    }
}
