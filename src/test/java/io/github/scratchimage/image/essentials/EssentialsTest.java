package io.github.scratchimage.image.essentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.essentials.EssentialChoice.Essential;
import io.github.scratchimage.image.essentials.Essentials.UserContent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the essentials do when the user's own content (archives, extra directories) brings their files. */
public class EssentialsTest {
    private static final Path HOST = Path.of("/");
    private static final EssentialChoice USERS_AUTO = new EssentialChoice(Essential.USERS, true, true,
            "auto: the executable calls getpwuid");
    private static final EssentialChoice USERS_TRUE = new EssentialChoice(Essential.USERS, true, false, "<users> is true");
    private static final EssentialChoice TMP_AUTO = new EssentialChoice(Essential.TMP, true, true,
            "auto: the executable calls mkstemp");
    @TempDir
    Path work;
    private final List<String> log = new ArrayList<>();
    private final BuildListener mavenLog = (level, message) -> {
        if (level == BuildListener.Level.LIFECYCLE) {
            log.add(message);
        }
    };
    private UserContent archive;

    @BeforeEach
    void archiveWithItsOwnAccounts() throws Exception {
        Path passwd = Files.writeString(work.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        Path group = Files.writeString(work.resolve("group"), "root:x:0:\napp:x:1000:\n");
        archive = new UserContent(new LayerSpec("rootfs-base.tar", List.of(LayerFile.directory("/etc", "755"),
                new LayerFile(passwd, "/etc/passwd", "644"), new LayerFile(group, "/etc/group", "644"))),
                "rootfs archive base.tar");
    }

    private static Essentials.Settings settings(List<File> extraCertificates) {
        return new Essentials.Settings("auto", extraCertificates, "auto", "auto", "auto");
    }

    private List<EssentialLayer> layers(List<EssentialChoice> choices, String user, List<UserContent> content)
            throws Exception {
        return outcome(choices, user, content).layers();
    }

    private Essentials.Outcome outcome(List<EssentialChoice> choices, String user, List<UserContent> content)
            throws Exception {
        return Essentials.layers(settings(List.of()), choices, HOST, work.resolve("generated"), user, content, mavenLog);
    }

    @Test
    void autoUsersStepAsideForAnArchivesPasswdAndTheLogSaysSo() throws Exception {
        List<EssentialLayer> layers = layers(List.of(USERS_AUTO, TMP_AUTO), "app:app", List.of(archive));

        assertThat(layers).extracting(l -> l.layer().name()).containsExactly("tmp");
        assertThat(log).containsExactly("Leaving out <users> (auto: the executable calls getpwuid): rootfs archive"
                + " base.tar has /etc/group, /etc/passwd, so the image uses that instead");
    }

    @Test
    void anEssentialThatSteppedAsideEndsNotIncludedWithTheReasonForTheReport() throws Exception {
        Essentials.Outcome outcome = outcome(List.of(USERS_AUTO, TMP_AUTO), "app:app", List.of(archive));

        assertThat(outcome.choices()).containsExactly(
                new EssentialChoice(Essential.USERS, false, true, "rootfs archive base.tar has /etc/group, /etc/passwd,"
                        + " so the image uses that instead (auto: the executable calls getpwuid)"),
                TMP_AUTO);
    }

    private static final EssentialChoice USERS_AUTO_OFF = new EssentialChoice(Essential.USERS, false, true,
            "auto: nothing in the executable asks for it");
    private static final EssentialChoice USERS_FALSE = new EssentialChoice(Essential.USERS, false, false,
            "<users> is false");

    /** A user given by name is resolved through /etc/passwd: under auto, one of ours turns the essential on. */
    @Test
    void aNamedUserTheEssentialDefinesTurnsAutoOn() throws Exception {
        for (String user : List.of("nonroot", "nonroot:nonroot", "root:0", "nobody")) {
            Essentials.Outcome outcome = outcome(List.of(USERS_AUTO_OFF), user, List.of());
            assertThat(outcome.layers()).as(user).extracting(l -> l.layer().name()).containsExactly("users");
            assertThat(outcome.choices().get(0).included()).isTrue();
            assertThat(outcome.choices().get(0).reason()).isEqualTo("auto: <container><user> is " + user
                    + ", which the image's /etc/passwd must define");
        }
    }

    @Test
    void numericIdsNeedNoPasswd() throws Exception {
        assertThat(layers(List.of(USERS_AUTO_OFF), "65532:65532", List.of())).isEmpty();
        assertThat(layers(List.of(USERS_FALSE), "1000:1000", List.of())).isEmpty();
    }

    @Test
    void aNamedUserWithoutAnyPasswdFailsNamingTheUserAndTheFix() {
        assertThatThrownBy(() -> layers(List.of(USERS_AUTO_OFF), "app", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("app: <container><user> names app, which only an /etc/passwd in the image can"
                        + " resolve, and the image has none (auto: nothing in the executable asks for it)")
                .hasMessageContaining("add an /etc/passwd (and /etc/group) that defines app through <extraDirectories>"
                        + " or <rootfsArchives>, give a numeric uid:gid");
        assertThatThrownBy(() -> layers(List.of(USERS_FALSE), "nonroot", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("names nonroot").hasMessageContaining("(<users> is false)")
                .hasMessageContaining("set <users> (scratch.users) to true or auto");
        assertThatThrownBy(() -> layers(List.of(USERS_AUTO_OFF), "65532:staff", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("names staff");
    }

    @Test
    void aNamedUserIsFoundInTheUsersOwnPasswdWhenTheEssentialIsOff() throws Exception {
        assertThat(layers(List.of(USERS_FALSE), "app:app", List.of(archive))).isEmpty();
        assertThat(layers(List.of(USERS_AUTO_OFF), "app", List.of(archive))).isEmpty();
        assertThatThrownBy(() -> layers(List.of(USERS_AUTO_OFF), "nonroot", List.of(archive)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("names the user nonroot, which is not in the /etc/passwd your content provides");
    }

    private static final EssentialChoice TMP_AUTO_OFF = new EssentialChoice(Essential.TMP, false, true,
            "auto: nothing in the executable asks for it");

    private UserContent extraFile(String name, String target, byte[] content, boolean scanned) throws Exception {
        Path file = Files.write(work.resolve(name), content);
        return new UserContent(new LayerSpec("extra-directories", List.of(new LayerFile(file, target, "644"))),
                "<extraDirectories>", scanned);
    }

    /** The program's own configuration in <extraDirectories> that names a path under /tmp turns auto on. */
    @Test
    void aConfigurationFileNamingTmpTurnsTmpOn() throws Exception {
        UserContent conf = extraFile("app.conf", "/etc/app/app.conf",
                "# cache\ncache_dir = \"/tmp/app-cache\"\n".getBytes(), true);
        Essentials.Outcome outcome = outcome(List.of(TMP_AUTO_OFF), "65532:65532", List.of(conf));
        assertThat(outcome.layers()).extracting(l -> l.layer().name()).containsExactly("tmp");
        assertThat(outcome.choices().get(0).reason())
                .isEqualTo("auto: <extraDirectories> file /etc/app/app.conf names /tmp/app-cache");
    }

    @Test
    void otherPathsBinariesAndRootFilesystemsDoNotCount() throws Exception {
        for (UserContent content : List.of(
                extraFile("a.conf", "/etc/a.conf", "dir=/var/tmp/x\nunit=/usr/lib/tmpfiles.d\n".getBytes(), true),
                extraFile("b.bin", "/opt/b.bin", "\0binary /tmp/x\n".getBytes(), true),
                extraFile("c.conf", "/etc/c.conf", "dir=/tmp/x\n".getBytes(), false))) {
            assertThat(layers(List.of(TMP_AUTO_OFF), "65532:65532", List.of(content))).as(content.layer().files()
                    .get(0).target()).isEmpty();
        }
    }

    @Test
    void theImageUserIsThenCheckedAgainstTheArchivesPasswdAndGroup() throws Exception {
        layers(List.of(USERS_AUTO), "1000:1000", List.of(archive));

        assertThatThrownBy(() -> layers(List.of(USERS_AUTO), "65532:65532", List.of(archive)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("65532:65532: names the user 65532, which is not in the /etc/passwd your content provides")
                .hasMessageContaining("<container><user>");
        assertThatThrownBy(() -> layers(List.of(USERS_AUTO), "app:wheel", List.of(archive)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("names the group wheel");
    }

    @Test
    void usersTrueAndAnArchivesPasswdFailNamingBoth() {
        assertThatThrownBy(() -> layers(List.of(USERS_TRUE), "app", List.of(archive)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("rootfs archive base.tar has /etc/group, /etc/passwd, but <users> is true and adds it too: remove it"
                        + " from there, or set <users> to auto (yours is used) or false");
    }

    @Test
    void withoutConflictTheEssentialIsAddedAndTheUserCheckedAgainstItsAccounts() throws Exception {
        UserContent unrelated = new UserContent(new LayerSpec("extra-directories", List.of(
                new LayerFile(work.resolve("passwd"), "/etc/app/passwd", "644"))), "<extraDirectories>");

        assertThat(layers(List.of(USERS_AUTO), "nonroot", List.of(unrelated))).extracting(l -> l.layer().name())
                .containsExactly("users");
        assertThat(log).isEmpty();
        assertThatThrownBy(() -> layers(List.of(USERS_AUTO), "app", List.of(unrelated)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not in the image's /etc/passwd");
    }

    @Test
    void autoTmpStepsAsideForAnExtraDirectoryThatWritesInsideTmp() throws Exception {
        UserContent extra = new UserContent(new LayerSpec("extra-directories", List.of(
                LayerFile.directory("/tmp", "755"), LayerFile.directory("/tmp/cache", "755"))), "<extraDirectories>");

        assertThat(layers(List.of(TMP_AUTO), "nonroot", List.of(extra))).isEmpty();
        assertThat(log).containsExactly("Leaving out <tmp> (auto: the executable calls mkstemp): <extraDirectories>"
                + " has /tmp, /tmp/cache (would write inside /tmp), so the image uses that instead");
    }

    @Test
    void extraCertificatesCannotGoIntoABundleTheArchiveBrings() throws Exception {
        Path pem = Files.writeString(work.resolve("ca.pem"), "unused");
        UserContent bundle = new UserContent(new LayerSpec("rootfs-certs.tar", List.of(
                new LayerFile(pem, "/etc/ssl/certs/ca-certificates.crt", "644"))), "rootfs archive certs.tar");
        EssentialChoice caAuto = new EssentialChoice(Essential.CA_CERTIFICATES, true, true, "auto: the executable reads /etc/ssl");
        Path company = Files.copy(Path.of("/etc/ssl/certs/ca-certificates.crt"), work.resolve("company.pem"));

        assertThatThrownBy(() -> Essentials.layers(settings(List.of(company.toFile())), List.of(caAuto), HOST,
                work.resolve("generated"), "nonroot", List.of(bundle), mavenLog))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rootfs archive certs.tar has /etc/ssl/certs/ca-certificates.crt, but <extraCertificates>");
        assertThat(Essentials.layers(settings(List.of()), List.of(caAuto), HOST, work.resolve("generated"), "nonroot",
                List.of(bundle), mavenLog).layers()).isEmpty();
    }
}
