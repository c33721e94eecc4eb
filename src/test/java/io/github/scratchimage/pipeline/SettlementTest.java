package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.scratchimage.analysis.Finding.Kind;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.analysis.SettledFinding.Status;
import io.github.scratchimage.analysis.SettledFinding;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.content.ExtraDirectories;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.testing.RuntimeProbes;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings settled against the essentials and the user's files, and the warning gate on what is left. */
class SettlementTest {
    /** Reads the CA bundle, formats a local time, looks up its user and makes a temporary file. */
    static final String NEEDS_ALL = """
            #include <pwd.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <time.h>
            #include <unistd.h>
            int main(void) {
              FILE *ca = fopen("/etc/ssl/certs/ca-certificates.crt", "r");
              time_t now = time(NULL);
              struct tm *tm = localtime(&now);
              struct passwd *pw = getpwuid(getuid());
              char path[64];
              snprintf(path, sizeof path, "%s/probe-XXXXXX", "/tmp");
              int fd = mkstemp(path);
              printf("%d %d %s %d\\n", ca != NULL, tm->tm_hour, pw ? pw->pw_name : "-", fd);
              return 0;
            }
            """;
    /** Loads a library by name, sets the locale from the environment, resolves a host and a user. */
    static final String NEEDS_THE_UNMEETABLE = """
            #include <dlfcn.h>
            #include <locale.h>
            #include <netdb.h>
            #include <pwd.h>
            #include <stddef.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
              struct addrinfo *ai;
              setlocale(LC_ALL, "");
              if (argc > 5) { dlopen(argv[1], RTLD_NOW); getaddrinfo(argv[1], NULL, NULL, &ai); }
              return getpwuid(getuid()) == NULL;
            }
            """;
    private static final Pattern POM_ELEMENT = Pattern.compile("<(\\w+)>(.*?)</\\1>");

    @TempDir
    Path work;

    private final List<String> log = new ArrayList<>();
    private final BuildListener listener = (level, message) -> log.add(level + " " + message);

    @Test
    void aProgramNeedingCaZonesUsersAndTmpPassesTheGateWithAuto() throws Exception {
        Path program = TestExecutables.compile(Toolchain.MUSL_STATIC, NEEDS_ALL, List.of());

        CheckResult result = new Pipeline(listener).check(request(program, setting("auto"), true),
                work.resolve("scratch-check.json"));

        assertThat(result.settled()).extracting(s -> s.finding().kind())
                .containsExactly(Kind.CA_CERTIFICATES, Kind.TIMEZONES, Kind.USERS, Kind.TMP);
        assertThat(result.settled()).allMatch(s -> s.status() == Status.SATISFIED);
        assertThat(log).noneMatch(line -> line.startsWith("WARN"));
        assertThat(log).filteredOn(line -> line.contains("Runtime needs the image meets: ")).singleElement()
                .asString().contains("ca_certificates (by <caCertificates> (auto: the executable ")
                .contains("users (by <users> (auto: ");
        String report = Files.readString(work.resolve("scratch-check.json"));
        assertThat(report).contains("\"kind\": \"ca_certificates\"").contains("\"source\": \"" + program.getFileName())
                .contains("\"status\": \"satisfied\"").contains("\"satisfiedBy\": \"<tmp> (auto: ")
                .doesNotContain("\"status\": \"unsatisfied\"");
    }

    @Test
    void withoutCaCertificatesTheGateFailsNamingTheBundle() throws Exception {
        Path program = TestExecutables.compile(Toolchain.MUSL_STATIC, NEEDS_ALL, List.of());
        Map<String, String> settings = setting("auto");
        settings.put("caCertificates", "false");

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).check(
                request(program, settings, true), work.resolve("scratch-check.json")), InvalidInputException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("<failOnWarnings> (scratch.failOnWarnings) is true: ca_certificates (")
                .contains("/etc/ssl/certs/ca-certificates.crt").contains("fix: <caCertificates>true</caCertificates>")
                .doesNotContain("users (").doesNotContain("tmp (");
        assertThat(log).filteredOn(line -> line.startsWith("WARN")).singleElement().asString()
                .startsWith("WARN ca_certificates: the executable mentions");
        assertThat(Files.readString(work.resolve("scratch-check.json"))).contains("\"status\": \"unsatisfied\"");
    }

    /** Each unmet finding's Fix text, applied as the POM configuration it names, settles that finding. */
    @Test
    void everyFixTextSettlesItsFinding() throws Exception {
        Path needsAll = TestExecutables.compile(Toolchain.MUSL_STATIC, NEEDS_ALL, List.of());
        Path unmeetable = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, NEEDS_THE_UNMEETABLE, List.of(),
                List.of("-ldl"));
        Set<Kind> fixed = EnumSet.noneOf(Kind.class);
        for (Path program : List.of(needsAll, unmeetable)) {
            List<SettledFinding> unmet = settle(program, setting("false"), LinkagePolicy.ANY, Set.of(), List.of())
                    .stream().filter(SettledFinding::warning).toList();
            assertThat(unmet).as(program.getFileName().toString()).isNotEmpty();
            for (SettledFinding finding : unmet) {
                Kind kind = finding.finding().kind();
                Map<String, String> settings = setting("false");
                LinkagePolicy[] linkage = {LinkagePolicy.ANY};
                Set<Kind> acknowledged = EnumSet.noneOf(Kind.class);
                apply(finding.finding().fixOption(), settings, linkage, acknowledged);

                SettledFinding after = settle(program, settings, linkage[0], acknowledged, List.of()).stream()
                        .filter(s -> s.finding().kind() == kind).findFirst().orElseThrow();
                assertThat(after.warning()).as("%s after %s", kind, finding.finding().fixOption()).isFalse();
                fixed.add(kind);
            }
        }
        assertThat(fixed).containsExactlyInAnyOrder(Kind.CA_CERTIFICATES, Kind.TIMEZONES, Kind.USERS, Kind.TMP,
                Kind.GLIBC_NSS, Kind.DLOPEN, Kind.LOCALE);
    }

    /** A static glibc program is fine without nsswitch.conf; one of the user's own may name modules it lacks. */
    @Test
    void staticGlibcNssIsMetUntilTheUserBringsAnNsswitchConf() throws Exception {
        Path program = TestExecutables.compile(Toolchain.GCC_STATIC, NEEDS_ALL, List.of());
        assertThat(status(settle(program, setting("auto"), LinkagePolicy.STATIC, Set.of(), List.of()), Kind.GLIBC_NSS))
                .isEqualTo(Status.SATISFIED);

        List<Essentials.UserContent> content = List.of(content("nsswitch.conf", "/etc/nsswitch.conf",
                "passwd: files ldap\n"));
        SettledFinding nss = settle(program, setting("auto"), LinkagePolicy.STATIC, Set.of(), content).stream()
                .filter(s -> s.finding().kind() == Kind.GLIBC_NSS).findFirst().orElseThrow();
        assertThat(nss.status()).isEqualTo(Status.UNSATISFIED);
        Map<String, String> settings = setting("auto");
        LinkagePolicy[] linkage = {LinkagePolicy.STATIC};
        Set<Kind> acknowledged = EnumSet.noneOf(Kind.class);
        apply(nss.finding().fixOption(), settings, linkage, acknowledged);
        assertThat(status(settle(program, settings, linkage[0], acknowledged, content), Kind.GLIBC_NSS))
                .isEqualTo(Status.ACKNOWLEDGED);
    }

    @Test
    void theUsersOwnFilesMeetTheirFindings() throws Exception {
        Path program = TestExecutables.compile(Toolchain.MUSL_STATIC, NEEDS_ALL, List.of());
        List<Essentials.UserContent> content = List.of(
                content("passwd", "/etc/passwd", "app:x:1000:1000::/:/sbin/nologin\n"),
                content("bundle.pem", "/etc/pki/tls/certs/ca-bundle.crt", "not checked here\n"),
                content("Paris", "/usr/share/zoneinfo/Europe/Paris", "TZif"),
                new Essentials.UserContent(new LayerSpec("extra", List.of(LayerFile.directory("/tmp", "1777"))),
                        "<extraDirectories>"));

        List<SettledFinding> settled = settle(program, setting("false"), LinkagePolicy.STATIC, Set.of(), content);

        assertThat(settled).allMatch(s -> s.status() == Status.SATISFIED);
        assertThat(settled).extracting(SettledFinding::how).containsExactly(
                "rootfs archive bundle.pem.tar (/etc/pki/tls/certs/ca-bundle.crt)",
                "rootfs archive Paris.tar (/usr/share/zoneinfo/Europe/Paris)",
                "rootfs archive passwd.tar (/etc/passwd)", "<extraDirectories> (/tmp)");
    }

    @Test
    void onlyKindsNoEssentialMeetsCanBeAcknowledged() throws Exception {
        assertThat(CheckRequest.acknowledged(List.of("dlopen, LOCALE", "glibc_nss")))
                .containsExactlyInAnyOrder(Kind.DLOPEN, Kind.LOCALE, Kind.GLIBC_NSS);
        assertThat(catchThrowableOfType(() -> CheckRequest.acknowledged(List.of("users")), InvalidInputException.class))
                .hasMessageContaining("<acknowledge> (scratch.acknowledge) names users")
                .hasMessageContaining("<users>true</users>").hasMessageContaining("glibc_nss, dlopen, locale");
        assertThat(catchThrowableOfType(() -> CheckRequest.acknowledged(List.of("certs")), InvalidInputException.class))
                .hasMessageContaining("names 'certs', which is not a finding kind: use glibc_nss, dlopen, locale");
    }

    @Test
    void anAcknowledgedFindingIsOneNamedLineAndPassesTheGate() throws Exception {
        Path program = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, NEEDS_THE_UNMEETABLE, List.of(),
                List.of("-ldl"));
        CheckRequest request = request(program, setting("auto"), true, LinkagePolicy.BUNDLE)
                .acknowledging(Set.of(Kind.DLOPEN, Kind.LOCALE));

        new Pipeline(listener).check(request, work.resolve("scratch-check.json"));

        assertThat(log).noneMatch(line -> line.startsWith("WARN"));
        assertThat(log).anyMatch(line -> line.startsWith("LIFECYCLE dlopen: the executable imports dlopen; acknowledged"
                + " by <acknowledge> (scratch.acknowledge)"));
        assertThat(Files.readString(work.resolve("scratch-check.json"))).contains("\"status\": \"acknowledged\"");
    }

    /** The image goals settle after assembly: the user's own /etc/passwd meets the users finding. */
    @Test
    void anImageGoalSettlesAgainstTheUsersOwnFiles() throws Exception {
        Path program = TestExecutables.compile(Toolchain.MUSL_STATIC, RuntimeProbes.USER_NAME, List.of());
        CheckRequest check = request(program, setting("false"), true);
        Path extra = work.resolve("extra");
        Files.createDirectories(extra.resolve("etc"));

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).image(image(check, extra)),
                InvalidInputException.class);
        assertThat(refused).hasMessageContaining("is true: users (");
        assertThat(work.resolve("image.tar")).doesNotExist();

        Files.writeString(extra.resolve("etc/passwd"), "nonroot:x:65532:65532::/:/sbin/nologin\n");
        log.clear();
        new Pipeline(listener).image(image(check, extra));
        assertThat(log).anyMatch(line -> line.startsWith("LIFECYCLE Runtime needs the image meets: users (by"
                + " <extraDirectories> (/etc/passwd))"));
        assertThat(Files.readString(OutputFiles.in(work.resolve("target")).checkReport()))
                .contains("\"satisfiedBy\": \"<extraDirectories> (/etc/passwd)\"");
        assertThat(work.resolve("image.tar")).exists();
    }

    private ImageRequest image(CheckRequest check, Path extra) {
        return image(check, extra, "65532:65532");
    }

    private ImageRequest image(CheckRequest check, Path extra, String user) {
        ContainerSettings container = new ContainerSettings(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                user, List.of(), Map.of(), ImageFormat.OCI, Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                Optional.empty());
        return new ImageRequest(check, container, new ContentSources(List.of(),
                List.of(ExtraDirectories.Source.of(extra)), List.of(), false),
                new TarTarget(work.resolve("image.tar"), "app:1"), work.resolve("cache"), LayerCompression.gzip(6),
                BlobStoreCap.DEFAULT_CAP_BYTES, work.resolve("target/scratch-generated"), OutputFiles.in(work.resolve("target")));
    }

    /** <container><user> by name: the users essential under auto defines nonroot; nothing defines app. */
    @Test
    void aNamedImageUserIsResolvedAtBuildTime() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);
        CheckRequest check = request(hello, setting("auto"), true);
        Path extra = Files.createDirectories(work.resolve("empty"));

        new Pipeline(listener).image(image(check, extra, "nonroot"));
        assertThat(Files.readString(OutputFiles.in(work.resolve("target")).imageJson())).contains("\"name\": \"users\"");
        assertThat(log).contains("LIFECYCLE <users>: included (auto: <container><user> is nonroot, which the image's"
                + " /etc/passwd must define)");

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).image(
                image(check, extra, "app")), InvalidInputException.class);
        assertThat(refused).hasMessageStartingWith("app: <container><user> names app, which only an /etc/passwd in"
                + " the image can resolve");
    }

    /** Under linkage=bundle the libraries run in the image too: libssl's imports prove the CA bundle is read. */
    @Test
    void aBundledLibrarysImportsAreEvidence() throws Exception {
        Path program = TestExecutables.compile(Toolchain.GCC_DYNAMIC_PIE, """
                #include <openssl/ssl.h>
                int main(void) { return SSL_CTX_new(TLS_client_method()) == NULL; }
                """, List.of(), List.of("-lssl", "-lcrypto"));
        CheckRequest request = request(program, setting("auto"), true, LinkagePolicy.BUNDLE);

        CheckResult own = Check.run(request(program, setting("auto"), true, LinkagePolicy.ANY), listener);
        assertThat(own.findings()).extracting(f -> f.kind()).doesNotContain(Kind.CA_CERTIFICATES);

        CheckResult result = new Pipeline(listener).check(request, work.resolve("scratch-check.json"));
        SettledFinding ca = result.settled().stream().filter(s -> s.finding().kind() == Kind.CA_CERTIFICATES)
                .findFirst().orElseThrow();
        assertThat(ca.finding().source()).isEqualTo("libssl.so.3");
        assertThat(ca.finding().what()).isEqualTo("bundles libssl.so.3, which imports X509_STORE_set_default_paths_ex");
        assertThat(ca.status()).isEqualTo(Status.SATISFIED);
        assertThat(result.essentials().get(0).reason())
                .isEqualTo("auto: the executable bundles libssl.so.3, which imports X509_STORE_set_default_paths_ex");
        assertThat(Files.readString(work.resolve("scratch-check.json"))).contains("\"source\": \"libssl.so.3\"");
    }

    private static Status status(List<SettledFinding> settled, Kind kind) {
        return settled.stream().filter(s -> s.finding().kind() == kind).findFirst().orElseThrow().status();
    }

    /** The first POM element of a Fix text, applied to the settings, the linkage or the acknowledged kinds. */
    private static void apply(String fix, Map<String, String> settings, LinkagePolicy[] linkage, Set<Kind> acknowledged)
            throws InvalidInputException {
        Matcher element = POM_ELEMENT.matcher(fix);
        assertThat(element.find()).as("a POM element in: %s", fix).isTrue();
        String name = element.group(1);
        String value = element.group(2);
        switch (name) {
            case "caCertificates", "timezones", "users", "tmp" -> settings.put(name, value);
            case "linkage" -> linkage[0] = CheckRequest.linkagePolicy(value);
            case "acknowledge" -> {
                Matcher kind = Pattern.compile("<kind>([^<]+)</kind>").matcher(value);
                assertThat(kind.find()).as(fix).isTrue();
                acknowledged.addAll(CheckRequest.acknowledged(List.of(kind.group(1))));
            }
            default -> throw new AssertionError("the fix names <" + name + ">, which this test cannot apply: " + fix);
        }
    }

    private List<SettledFinding> settle(Path program, Map<String, String> settings, LinkagePolicy linkage,
            Set<Kind> acknowledged, List<Essentials.UserContent> content) throws Exception {
        CheckRequest request = request(program, settings, false, linkage).acknowledging(acknowledged);
        CheckResult checked = Check.run(request, listener);
        assertThat(checked.failure()).isEmpty();
        return Check.settle(checked, request, content, listener).settled();
    }

    private Essentials.UserContent content(String name, String target, String text) throws Exception {
        Path file = Files.writeString(work.resolve(name), text);
        return new Essentials.UserContent(new LayerSpec("rootfs", List.of(new LayerFile(file, target, "644"))),
                "rootfs archive " + name + ".tar");
    }

    private static Map<String, String> setting(String value) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : List.of("caCertificates", "timezones", "users", "tmp")) {
            settings.put(name, value);
        }
        return settings;
    }

    private CheckRequest request(Path program, Map<String, String> settings, boolean failOnWarnings) throws Exception {
        return request(program, settings, failOnWarnings, LinkagePolicy.STATIC);
    }

    private CheckRequest request(Path program, Map<String, String> settings, boolean failOnWarnings,
            LinkagePolicy linkage) throws Exception {
        return new CheckRequest(
                new ExecutableLocator.Search(Optional.of(program), Optional.empty(), work, "app", "app-1"),
                linkage, Path.of("/"), List.of(), List.of(),
                Essentials.settings(settings.get("caCertificates"), List.of(), settings.get("timezones"),
                        settings.get("users"), settings.get("tmp")),
                failOnWarnings, CheckRequest.appRoot("/app"));
    }
}
