package io.github.scratchimage.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sysroots made in a temporary directory, for what this machine's database cannot show. */
class CraftedSysrootTest {
    private static final String LIBFOO = """
            Package: libfoo1
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 12
            Maintainer: Someone <someone@example.org>
            Architecture: amd64
            Multi-Arch: same
            Source: foo (1.2-3)
            Version: 1.2-3+b1
            Depends: libc6 (>= 2.34)
            Conffiles:
             /etc/foo.conf 0123456789abcdef0123456789abcdef
            Description: the foo library
             It does foo.
             .
             And more foo.
            """;
    private static final String REMOVED = """
            Package: oldtool
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 0.9-1
            """;

    private static Path sysroot(Path dir, String status) throws Exception {
        Path sysroot = dir.resolve("sysroot");
        Path admin = Files.createDirectories(sysroot.resolve("var/lib/dpkg/info"));
        Files.writeString(admin.getParent().resolve("status"), status);
        Files.createDirectories(sysroot.resolve("usr/lib/x86_64-linux-gnu"));
        Files.createSymbolicLink(sysroot.resolve("lib"), Path.of("usr/lib"));
        Files.writeString(sysroot.resolve("usr/lib/x86_64-linux-gnu/libfoo.so.1.2"), "foo");
        Files.createSymbolicLink(sysroot.resolve("usr/lib/x86_64-linux-gnu/libfoo.so.1"), Path.of("libfoo.so.1.2"));
        Files.writeString(admin.resolve("libfoo1:amd64.list"), """
                /.
                /lib
                /lib/x86_64-linux-gnu
                /lib/x86_64-linux-gnu/libfoo.so.1.2
                /lib/x86_64-linux-gnu/libfoo.so.1
                """);
        Files.writeString(admin.resolve("libfoo1:amd64.md5sums"),
                "acbd18db4cc2f85cedef654fccc4a4d8  lib/x86_64-linux-gnu/libfoo.so.1.2\n");
        Files.createDirectories(sysroot.resolve("usr/lib"));
        Files.writeString(sysroot.resolve("usr/lib/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        Files.createDirectories(sysroot.resolve("etc"));
        Files.createSymbolicLink(sysroot.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));
        return sysroot;
    }

    @Test
    void keepsInstalledPackagesWithTheirSourceVersionAndWholeStanza(@TempDir Path dir) throws Exception {
        DpkgDatabase db = DpkgDatabase.open(sysroot(dir, LIBFOO + "\n" + REMOVED));

        assertThat(db.packages()).singleElement().satisfies(pkg -> {
            assertThat(pkg.name()).isEqualTo("libfoo1");
            assertThat(pkg.version()).isEqualTo("1.2-3+b1");
            assertThat(pkg.source()).hasValue("foo");
            assertThat(pkg.sourceVersion()).hasValue("1.2-3");
            assertThat(pkg.status()).isEqualTo("install ok installed");
            assertThat(pkg.field("description")).hasValue("the foo library\n It does foo.\n .\n And more foo.");
            assertThat(pkg.field("Conffiles")).hasValue("\n /etc/foo.conf 0123456789abcdef0123456789abcdef");
        });
        assertThat(db.purl(db.packages().get(0)))
                .hasToString("pkg:deb/debian/libfoo1@1.2-3%2Bb1?arch=amd64&distro=debian-12");
    }

    @Test
    void ownersAreFoundThroughTheSysrootsOwnLibLink(@TempDir Path dir) throws Exception {
        DpkgDatabase db = DpkgDatabase.open(sysroot(dir, LIBFOO));

        assertThat(db.owner("/usr/lib/x86_64-linux-gnu/libfoo.so.1.2")).map(DebianPackage::name).hasValue("libfoo1");
        assertThat(db.owner("/lib/x86_64-linux-gnu/libfoo.so.1")).map(DebianPackage::name).hasValue("libfoo1");
        assertThat(db.owner("/usr/lib/x86_64-linux-gnu/libbar.so.1")).isEmpty();
        assertThat(db.owner("/usr/lib/x86_64-linux-gnu")).as("a directory belongs to no one package").isEmpty();
        assertThat(db.md5sums(db.packages().get(0))).containsExactly(
                new Md5Sum("/lib/x86_64-linux-gnu/libfoo.so.1.2", "acbd18db4cc2f85cedef654fccc4a4d8"));
    }

    @Test
    void aMalformedLineIsAnErrorNamingTheFileAndTheLine(@TempDir Path dir) throws Exception {
        Path sysroot = sysroot(dir, LIBFOO + "\nPackage: broken\nthis line has no colon\n");
        Path status = sysroot.resolve("var/lib/dpkg/status");

        assertThatThrownBy(() -> DpkgDatabase.open(sysroot))
                .isInstanceOfSatisfying(DpkgFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(status);
                    assertThat(e.line()).isEqualTo(20);
                })
                .hasMessage(status + ":20: expected 'Field: value', a continuation line starting with a space,"
                        + " or a blank line between packages; found 'this line has no colon'");
    }

    @Test
    void aStanzaWithoutAStatusIsAnErrorNamingWhereItStarts(@TempDir Path dir) throws Exception {
        Path sysroot = sysroot(dir, LIBFOO + "\nPackage: nostatus\nVersion: 1\n");

        assertThatThrownBy(() -> DpkgDatabase.open(sysroot))
                .hasMessageStartingWith(sysroot.resolve("var/lib/dpkg/status") + ":19: package nostatus has no Status");
    }

    @Test
    void aSysrootWithoutDpkgIsAnEmptyDatabase(@TempDir Path dir) throws Exception {
        Path sysroot = Files.createDirectories(dir.resolve("alpine-like/etc"));

        DpkgDatabase db = DpkgDatabase.open(sysroot.getParent());

        assertThat(db.packages()).isEmpty();
        assertThat(db.osRelease()).isEmpty();
        assertThat(db.owner("/usr/lib/libc.so")).isEmpty();
    }

    @Test
    void anAbsoluteLinkToTheBuildMachinesDatabaseIsResolvedInsideTheSysroot(@TempDir Path dir) throws Exception {
        // a naive reader would follow var/lib/dpkg to the directory below and report its package
        Path outside = Files.createDirectories(dir.resolve("outside/dpkg"));
        Files.writeString(outside.resolve("status"), LIBFOO);
        Path sysroot = Files.createDirectories(dir.resolve("sysroot/var/lib"));
        Files.createSymbolicLink(sysroot.resolve("dpkg"), outside.toAbsolutePath());

        DpkgDatabase db = DpkgDatabase.open(dir.resolve("sysroot"));

        assertThat(db.packages()).isEmpty();
    }

    @Test
    void aRelativeLinkClimbingOutOfTheSysrootStopsAtItsRoot(@TempDir Path dir) throws Exception {
        Path sysroot = sysroot(dir, LIBFOO);
        Files.writeString(dir.resolve("os-release"), "ID=elsewhere\nVERSION_ID=1\n");
        Files.delete(sysroot.resolve("etc/os-release"));
        // from /etc, ../../os-release is dir/os-release on this machine, /os-release inside the sysroot
        Files.createSymbolicLink(sysroot.resolve("etc/os-release"), Path.of("../../os-release"));

        DpkgDatabase db = DpkgDatabase.open(sysroot);

        assertThat(db.osRelease()).map(OsRelease::id).as("/os-release is missing: usr/lib/os-release is next")
                .hasValue("debian");
        List<MetadataFile> files = ScannerMetadata.files(db, db.packages(), List.of());
        assertThat(files).filteredOn(f -> f.path().equals("/etc/os-release")).singleElement()
                .satisfies(f -> assertThat(new String(f.content(), StandardCharsets.UTF_8)).contains("ID=debian"));
    }
}
