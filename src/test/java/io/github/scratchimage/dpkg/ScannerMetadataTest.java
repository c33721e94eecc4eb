package io.github.scratchimage.dpkg;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.testing.TestExecutables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The distroless-style status.d files for packages of this machine, read back the way scanners read them. */
class ScannerMetadataTest {
    private static final String LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";
    private static final String LOADER = "/lib64/ld-linux-x86-64.so.2";

    private static String text(MetadataFile file) {
        return new String(file.content(), StandardCharsets.UTF_8);
    }

    @Test
    void libc6BecomesAStatusStanzaAndTheMd5sumsOfTheFilesTheImageCarries() throws Exception {
        DpkgDatabase db = DpkgDatabase.open(Path.of("/"));
        DebianPackage libc6 = db.find("libc6").orElseThrow();

        List<MetadataFile> files = ScannerMetadata.files(db, List.of(libc6), List.of(LIBC, "/app/server"));

        assertThat(files).extracting(MetadataFile::path).containsExactly("/etc/debian_version", "/etc/os-release",
                "/var/lib/dpkg/status.d/libc6", "/var/lib/dpkg/status.d/libc6.md5sums");
        assertThat(files.get(0).content()).isEqualTo(Files.readAllBytes(Path.of("/etc/debian_version")));
        assertThat(files.get(1).content()).isEqualTo(Files.readAllBytes(Path.of("/etc/os-release")));

        String stanza = text(files.get(2));
        String version = TestExecutables.run(List.of("dpkg-query", "-W", "-f=${Version}", "libc6"),
                "apt-get install dpkg");
        assertThat(stanza).startsWith("Package: libc6\nSource: glibc\nVersion: " + version + "\nArchitecture: amd64\n")
                .contains("\nMaintainer: ", "\nDepends: ", "\nDescription: GNU C Library: Shared libraries\n ")
                .doesNotContain("Status:", "Conffiles:")
                .endsWith("\n")
                .doesNotContain("\n\n");
        // what dpkg itself prints for the fields the stanza kept
        String description = TestExecutables.run(List.of("dpkg-query", "-W", "-f=${Description}", "libc6"),
                "apt-get install dpkg");
        assertThat(stanza).contains("Description: " + description);

        String md5sum = TestExecutables.run(List.of("md5sum", LIBC), "apt-get install coreutils").split(" ")[0];
        assertThat(text(files.get(3))).as("only the file the image carries, under the image's path")
                .isEqualTo(md5sum + "  usr/lib/x86_64-linux-gnu/libc.so.6\n");
    }

    @Test
    void theSameInputGivesTheSameFilesInTheSameOrder() throws Exception {
        DpkgDatabase db = DpkgDatabase.open(Path.of("/"));
        List<DebianPackage> packages = List.of(db.find("libstdc++6").orElseThrow(), db.find("libc6").orElseThrow(),
                db.find("libgcc-s1").orElseThrow());
        List<String> image = List.of(LOADER, LIBC, "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/usr/lib/x86_64-linux-gnu/libgcc_s.so.1");

        List<MetadataFile> first = ScannerMetadata.files(db, packages, image);
        List<MetadataFile> second = ScannerMetadata.files(DpkgDatabase.open(Path.of("/")),
                List.of(packages.get(2), packages.get(0), packages.get(1)), List.of(image.get(3), image.get(2),
                        image.get(1), image.get(0)));

        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(MetadataFile::path).isSorted().contains("/var/lib/dpkg/status.d/libstdc++6",
                "/var/lib/dpkg/status.d/libgcc-s1.md5sums");
        // the loader is a symlink in libc6, and md5sums hold regular files only
        assertThat(first).filteredOn(f -> f.path().endsWith("libc6.md5sums")).singleElement()
                .satisfies(f -> assertThat(text(f)).contains("  usr/lib/x86_64-linux-gnu/libc.so.6\n")
                        .doesNotContain("ld-linux"));
    }

    @Test
    void aFileCopiedFromTheTargetOfALinkIsSummedUnderItsImagePath() throws Exception {
        DpkgDatabase db = DpkgDatabase.open(Path.of("/"));
        DebianPackage libc6 = db.find("libc6").orElseThrow();
        // the image holds the loader's content as a regular file at its PT_INTERP path, a link in the sysroot
        String real = Path.of(LOADER).toRealPath().toString();

        List<MetadataFile> files = ScannerMetadata.filesCopiedFrom(db, List.of(libc6),
                java.util.Map.of(LOADER, real, LIBC, LIBC));

        String md5sum = TestExecutables.run(List.of("md5sum", real), "apt-get install coreutils").split(" ")[0];
        assertThat(files).filteredOn(f -> f.path().endsWith("libc6.md5sums")).singleElement()
                .satisfies(f -> assertThat(text(f)).contains(md5sum + "  lib64/ld-linux-x86-64.so.2\n")
                        .contains("  usr/lib/x86_64-linux-gnu/libc.so.6\n")
                        .doesNotContain("x86_64-linux-gnu/ld-linux"));
    }
}
