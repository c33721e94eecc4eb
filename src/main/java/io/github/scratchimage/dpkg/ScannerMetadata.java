package io.github.scratchimage.dpkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files that let image scanners (Trivy, Syft/Grype) see the Debian packages an image carries
 * parts of, laid out as distroless images lay them out: one {@code /var/lib/dpkg/status.d/<package>}
 * holding the package's control stanza, a {@code <package>.md5sums} beside it, and the sysroot's
 * {@code /etc/os-release} and {@code /etc/debian_version}, from which scanners take the
 * distribution whose advisories apply.
 */
public final class ScannerMetadata {
    static final String STATUS_DIR = "/var/lib/dpkg/status.d/";
    /** Fields dpkg adds about the local installation, which a distroless stanza (the .deb's control file) lacks. */
    private static final Set<String> LOCAL_FIELDS =
            Set.of("status", "conffiles", "config-version", "triggers-pending", "triggers-awaited");
    private static final List<String> LEADING_FIELDS = List.of("Package", "Source", "Version", "Architecture");

    private ScannerMetadata() {
    }

    /**
     * The metadata files for {@code packages}, ordered by path. {@code imagePaths} are the paths of
     * the files the image carries: each {@code md5sums} keeps only those (a scratch image holds a
     * few files of a package, and a scanner must not believe it holds the rest), written with the
     * image's spelling of the path, which may differ from the package's ({@code /usr/lib} against
     * {@code /lib}).
     */
    public static List<MetadataFile> files(DpkgDatabase db, Collection<DebianPackage> packages,
            Collection<String> imagePaths) throws IOException {
        Map<String, String> copiedFrom = new LinkedHashMap<>();
        imagePaths.forEach(path -> copiedFrom.putIfAbsent(path, path));
        return filesCopiedFrom(db, packages, copiedFrom);
    }

    /**
     * As {@link #files}, for image files copied from another path of the sysroot:
     * {@code copiedFrom} maps each image path to the sysroot path of the file whose content it
     * holds. A loader the image holds at {@code /lib64/ld-linux-x86-64.so.2} (its {@code PT_INTERP}
     * path, a link in the sysroot) is the file the package lists under another directory; its
     * md5sum line names the image's path.
     */
    public static List<MetadataFile> filesCopiedFrom(DpkgDatabase db, Collection<DebianPackage> packages,
            Map<String, String> copiedFrom) throws IOException {
        Map<String, String> imagePathByCanonical = new HashMap<>();
        for (Map.Entry<String, String> file : copiedFrom.entrySet()) {
            imagePathByCanonical.putIfAbsent(db.canonical(file.getValue()), file.getKey());
        }
        Map<String, StringBuilder> stanzas = new TreeMap<>();
        Map<String, StringBuilder> md5sums = new TreeMap<>();
        List<DebianPackage> ordered = new ArrayList<>(packages);
        ordered.sort(Comparator.comparing(DebianPackage::name).thenComparing(DebianPackage::architecture));
        for (DebianPackage pkg : ordered) {
            StringBuilder stanza = stanzas.computeIfAbsent(pkg.name(), name -> new StringBuilder());
            if (stanza.length() > 0) {
                stanza.append('\n'); // another architecture of the same package: a second stanza in the file
            }
            stanza.append(stanza(pkg));
            StringBuilder sums = md5sums.computeIfAbsent(pkg.name(), name -> new StringBuilder());
            for (Md5Sum sum : db.md5sums(pkg)) {
                String imagePath = imagePathByCanonical.get(db.canonical(sum.path()));
                if (imagePath != null) {
                    sums.append(new Md5Sum(imagePath, sum.md5()).render());
                }
            }
        }
        TreeMap<String, byte[]> files = new TreeMap<>();
        stanzas.forEach((name, text) -> files.put(STATUS_DIR + name, utf8(text)));
        md5sums.forEach((name, text) -> {
            if (text.length() > 0) {
                files.put(STATUS_DIR + name + ".md5sums", utf8(text));
            }
        });
        Optional<byte[]> osRelease = db.read("/etc/os-release");
        if (osRelease.isEmpty()) {
            osRelease = db.read("/usr/lib/os-release");
        }
        osRelease.ifPresent(content -> files.put("/etc/os-release", content));
        db.read("/etc/debian_version").ifPresent(content -> files.put("/etc/debian_version", content));
        List<MetadataFile> result = new ArrayList<>();
        files.forEach((path, content) -> result.add(new MetadataFile(path, content)));
        return List.copyOf(result);
    }

    /** Package, Source, Version, Architecture first, as in a .deb's control file, then the rest in dpkg's order. */
    static String stanza(DebianPackage pkg) {
        StringBuilder text = new StringBuilder();
        for (String leading : LEADING_FIELDS) {
            pkg.fields().stream().filter(f -> f.name().equalsIgnoreCase(leading)).findFirst()
                    .ifPresent(field -> text.append(field.render()));
        }
        for (ControlField field : pkg.fields()) {
            String name = field.name();
            if (LEADING_FIELDS.stream().noneMatch(name::equalsIgnoreCase)
                    && !LOCAL_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                text.append(field.render());
            }
        }
        return text.toString();
    }

    private static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
