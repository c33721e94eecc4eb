package io.github.scratchimage.dpkg;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.testing.TestExecutables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** This Debian machine's own dpkg database, read through sysroot {@code /}, against dpkg's own tools. */
class HostDpkgDatabaseTest {
    private static final String LIBC_USR = "/usr/lib/x86_64-linux-gnu/libc.so.6";
    private static final String LIBC_LISTED = "/lib/x86_64-linux-gnu/libc.so.6";

    private static DpkgDatabase db;

    @BeforeAll
    static void open() throws Exception {
        db = DpkgDatabase.open(Path.of("/"));
    }

    private static String dpkgQuery(String format, String... packages) {
        List<String> command = new java.util.ArrayList<>(List.of("dpkg-query", "-W", "-f=" + format));
        command.addAll(List.of(packages));
        return TestExecutables.run(command, "apt-get install dpkg");
    }

    @Test
    void libc6OwnsLibcUnderTheMergedUsrPathAndTheOneItsListNames() throws Exception {
        assertThat(Files.isSymbolicLink(Path.of("/lib"))).as("this machine has a merged /usr").isTrue();
        assertThat(Files.readAllLines(Path.of("/var/lib/dpkg/info/libc6:amd64.list"))).contains(LIBC_LISTED)
                .doesNotContain(LIBC_USR);

        Optional<DebianPackage> viaUsr = db.owner(LIBC_USR);
        Optional<DebianPackage> viaList = db.owner(LIBC_LISTED);

        assertThat(viaUsr).map(DebianPackage::name).hasValue("libc6");
        assertThat(viaList).isEqualTo(viaUsr);
        assertThat(viaUsr.get().version()).isEqualTo(dpkgQuery("${Version}", "libc6"));
        assertThat(viaUsr.get().architecture()).isEqualTo("amd64");
        assertThat(viaUsr.get().source()).hasValue("glibc");
        assertThat(viaUsr.get().sourceVersion()).isEmpty();
    }

    @Test
    void aSymlinkIsOwnedAsTheLinkNotAsWhatItPointsAt() throws Exception {
        Path link = Path.of("/usr/bin/gcc");
        assertThat(Files.readSymbolicLink(link)).as("gcc ships /usr/bin/gcc -> gcc-12").hasToString("gcc-12");

        assertThat(db.owner("/usr/bin/gcc")).map(DebianPackage::name).hasValue(dpkgOwner("/usr/bin/gcc"))
                .hasValue("gcc");
        assertThat(db.owner("/usr/bin/gcc-12")).map(DebianPackage::name).hasValue(dpkgOwner("/usr/bin/gcc-12"))
                .hasValue("gcc-12");
        assertThat(db.owner("/etc/alternatives/cc")).as("made by update-alternatives, listed by no package")
                .isEmpty();
    }

    private static String dpkgOwner(String path) {
        String line = TestExecutables.run(List.of("dpkg-query", "-S", path), "apt-get install dpkg").strip();
        return line.substring(0, line.indexOf(':'));
    }

    @Test
    void everyInstalledPackageAndItsSourceAgreeWithDpkgQuery() {
        String output = dpkgQuery("${db:Status-Status}\t${Package}\t${Architecture}\t${Version}"
                + "\t${source:Package}\t${source:Version}\n");
        Map<String, String> expected = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] columns = line.split("\t", -1);
            if (columns[0].equals("installed")) {
                expected.put(columns[1] + ":" + columns[2], String.join(" ", columns[3], columns[4], columns[5]));
            }
        }
        Map<String, String> actual = new HashMap<>();
        for (DebianPackage pkg : db.packages()) {
            actual.put(pkg.qualifiedName(), String.join(" ", pkg.version(), pkg.source().orElse(pkg.name()),
                    pkg.sourceVersion().orElse(pkg.version())));
        }

        assertThat(actual).hasSizeGreaterThan(100).isEqualTo(expected);
        assertThat(db.packages()).as("some package names a source version in parentheses, as bash does")
                .anySatisfy(pkg -> {
                    assertThat(pkg.sourceVersion()).isPresent();
                    assertThat(pkg.field("Source"))
                            .hasValue(pkg.source().get() + " (" + pkg.sourceVersion().get() + ")");
                });
    }

    @Test
    void md5sumsAreTheDigestsOfTheRealFiles() throws Exception {
        DebianPackage libc6 = db.find("libc6").orElseThrow();

        List<Md5Sum> sums = db.md5sums(libc6);

        Md5Sum libc = sums.stream().filter(s -> s.path().equals(LIBC_LISTED)).findFirst().orElseThrow();
        String md5sum = TestExecutables.run(List.of("md5sum", LIBC_USR), "apt-get install coreutils")
                .split(" ")[0];
        assertThat(libc.md5()).isEqualTo(md5sum);
        assertThat(sums).hasSize(Files.readAllLines(Path.of("/var/lib/dpkg/info/libc6:amd64.md5sums")).size());
    }

    @Test
    void thePurlNamesTheDistributionFromOsRelease() {
        DebianPackage libc6 = db.find("libc6").orElseThrow();
        String distro = TestExecutables.run(List.of("sh", "-c", ". /etc/os-release && echo \"$ID-$VERSION_ID\""),
                "apt-get install dash").strip();

        assertThat(distro).isEqualTo("debian-12");
        assertThat(db.purl(libc6)).hasToString("pkg:deb/debian/libc6@"
                + dpkgQuery("${Version}", "libc6").replace("+", "%2B") + "?arch=amd64&distro=debian-12");
    }
}
