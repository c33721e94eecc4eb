package io.github.scratchimage.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.analysis.Analyzer;
import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.dpkg.DebianPackage;
import io.github.scratchimage.dpkg.DpkgDatabase;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SBOM of a real dynamically linked program with this machine's libc, as an image would carry
 * it, checked with CycloneDX's own parser and its bundled 1.6 JSON schema.
 */
class CycloneDxWriterTest {
    private static final String APP = "/app/hello";
    private static final String LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";
    private static final String LOADER = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
    private static final String PASSWD = "/etc/passwd";
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");

    private static BinaryAnalysis analysis;
    private static DebianPackage libc6;
    private static String libc6Purl;
    private static SbomInput input;

    @BeforeAll
    static void describeAnImage() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
        analysis = Analyzer.analyze(ElfReader.read(hello));
        DpkgDatabase db = DpkgDatabase.open(Path.of("/"));
        libc6 = db.owner(LIBC).orElseThrow();
        libc6Purl = db.purl(libc6).toString();
        input = new SbomInput(
                new ImageIdentity("registry.example.com/team/hello", Optional.of("1.0.0"), DIGEST),
                new ToolIdentity("scratch-maven-plugin", "0.1.0-SNAPSHOT"),
                BUILT,
                List.of(new ImageFile(APP, sha256(hello)), new ImageFile(LIBC, sha256(Path.of(LIBC))),
                        new ImageFile(LOADER, sha256(Path.of(LOADER))), new ImageFile(PASSWD, "ab".repeat(32))),
                new ExecutableFacts(APP, analysis.platform().architecture(),
                        analysis.linkage().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        analysis.libc().name().toLowerCase(Locale.ROOT), analysis.buildId()),
                Optional.of(new OperatingSystem("debian", "12")),
                List.of(new OsPackage(libc6.name(), libc6.version(), libc6Purl, List.of(LOADER, LIBC))),
                List.of(new GoModule("golang.org/x/net", "v0.25.0"), new GoModule("github.com/Google/uuid", "v1.6.0")),
                List.of(new FileDependency(APP, List.of(LOADER, LIBC)), new FileDependency(LIBC, List.of(LOADER))));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> purls(Bom bom) {
        return bom.getComponents().stream().map(Component::getPurl).filter(p -> p != null).toList();
    }

    @Test
    void isValidCycloneDx16() throws Exception {
        byte[] sbom = CycloneDxWriter.write(input);

        List<ParseException> problems = new JsonParser().validate(sbom, Version.VERSION_16);

        assertThat(problems).isEmpty();
        assertThat(new String(sbom, StandardCharsets.UTF_8)).contains("\"specVersion\" : \"1.6\"",
                "\"timestamp\" : \"2026-01-01T00:00:00Z\"");
    }

    @Test
    void theSchemaCheckDoesCatchAnInvalidDocument() throws Exception {
        String sbom = new String(CycloneDxWriter.write(input), StandardCharsets.UTF_8);
        String broken = sbom.replace("\"type\" : \"container\"", "\"type\" : \"shipping-container\"");
        assertThat(broken).isNotEqualTo(sbom);

        assertThat(new JsonParser().validate(broken.getBytes(StandardCharsets.UTF_8), Version.VERSION_16))
                .isNotEmpty();
    }

    @Test
    void theSameImageGivesTheSameBytesWhateverTheInputOrder() {
        List<ImageFile> files = new ArrayList<>(input.files());
        Collections.reverse(files);
        List<GoModule> modules = new ArrayList<>(input.goModules());
        Collections.reverse(modules);
        SbomInput shuffled = new SbomInput(input.image(), input.tool(), input.timestamp(), files, input.executable(),
                input.operatingSystem(), input.osPackages(), modules, List.of(input.dependencies().get(1),
                        new FileDependency(APP, List.of(LIBC, LOADER))));

        assertThat(CycloneDxWriter.write(shuffled)).isEqualTo(CycloneDxWriter.write(input));
    }

    @Test
    void theSerialNumberIsAVersion5UuidOfTheContent() throws Exception {
        Bom first = new JsonParser().parse(CycloneDxWriter.write(input));
        SbomInput otherPasswd = new SbomInput(input.image(), input.tool(), input.timestamp(),
                List.of(input.files().get(0), input.files().get(1), input.files().get(2),
                        new ImageFile(PASSWD, "cd".repeat(32))),
                input.executable(), input.operatingSystem(), input.osPackages(), input.goModules(),
                input.dependencies());
        Bom second = new JsonParser().parse(CycloneDxWriter.write(otherPasswd));

        UUID serial = UUID.fromString(first.getSerialNumber().substring("urn:uuid:".length()));
        assertThat(serial.version()).isEqualTo(5);
        assertThat(serial.variant()).isEqualTo(2);
        assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
    }

    @Test
    void nameBasedUuidsAgreeWithPythonsUuid5() {
        UUID namespace = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"); // RFC 4122's URL namespace
        String name = "https://github.com/scratchimage/scratch-maven-plugin";
        String python = TestExecutables.run(List.of("python3", "-c",
                "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, '" + name + "'))"), "apt-get install python3");

        assertThat(CycloneDxWriter.nameUuid(namespace, name.getBytes(StandardCharsets.UTF_8)))
                .hasToString(python.strip());
    }

    @Test
    void componentsCarryThePurlsHashesAndElfFacts() throws Exception {
        Bom bom = new JsonParser().parse(CycloneDxWriter.write(input));

        Component image = bom.getMetadata().getComponent();
        assertThat(image.getType()).isEqualTo(Component.Type.CONTAINER);
        assertThat(image.getPurl()).isEqualTo("pkg:oci/hello@" + DIGEST
                + "?repository_url=registry.example.com%2Fteam%2Fhello&tag=1.0.0");
        assertThat(bom.getMetadata().getToolChoice().getComponents()).singleElement()
                .satisfies(tool -> assertThat(tool.getName()).isEqualTo("scratch-maven-plugin"));

        assertThat(purls(bom)).containsExactly(libc6Purl, "pkg:golang/github.com/google/uuid@v1.6.0",
                "pkg:golang/golang.org/x/net@v0.25.0");
        assertThat(libc6Purl).startsWith("pkg:deb/debian/libc6@2.36-").contains("%2Bdeb12u")
                .endsWith("?arch=amd64&distro=debian-12");
        assertThat(bom.getComponents()).extracting(Component::getType, Component::getName).startsWith(
                org.assertj.core.groups.Tuple.tuple(Component.Type.APPLICATION, "hello"),
                org.assertj.core.groups.Tuple.tuple(Component.Type.OPERATING_SYSTEM, "debian"));

        Component app = bom.getComponents().get(0);
        assertThat(app.getHashes()).singleElement().satisfies(hash -> {
            assertThat(hash.getAlgorithm()).isEqualTo("SHA-256");
            assertThat(hash.getValue()).isEqualTo(input.files().get(0).sha256());
        });
        assertThat(app.getProperties()).extracting(p -> p.getName() + "=" + p.getValue()).containsExactly(
                "scratchimage:file:path=" + APP, "scratchimage:elf:architecture=amd64",
                "scratchimage:elf:linkage=dynamic", "scratchimage:elf:libc=glibc",
                "scratchimage:elf:build-id=" + analysis.buildId().orElseThrow());

        Component libc = bom.getComponents().stream().filter(c -> libc6Purl.equals(c.getPurl())).findFirst()
                .orElseThrow();
        assertThat(libc.getVersion()).isEqualTo(libc6.version());
        assertThat(libc.getEvidence().getOccurrences()).extracting(o -> o.getLocation())
                .containsExactly(LOADER, LIBC); // sorted
        assertThat(bom.getComponents()).filteredOn(c -> c.getType() == Component.Type.FILE)
                .extracting(Component::getName).containsExactly(PASSWD, LOADER, LIBC);
    }

    @Test
    void dependenciesLeadFromTheImageToTheExecutableItsLibrariesAndModules() throws Exception {
        Bom bom = new JsonParser().parse(CycloneDxWriter.write(input));

        assertThat(bom.getDependencies()).extracting(d -> d.getRef() + " -> "
                + (d.getDependencies() == null ? List.of() : d.getDependencies().stream().map(Dependency::getRef)
                        .toList()))
                .containsExactlyInAnyOrder(
                        "file:" + APP + " -> [file:" + LOADER + ", file:" + LIBC + ", "
                                + "pkg:golang/github.com/google/uuid@v1.6.0, pkg:golang/golang.org/x/net@v0.25.0]",
                        "file:" + LIBC + " -> [file:" + LOADER + "]",
                        "os:debian-12 -> [" + libc6Purl + "]",
                        bom.getMetadata().getComponent().getBomRef() + " -> [file:" + APP + ", os:debian-12]");
    }

    @Test
    void aDependencyOnAFileTheImageLacksIsRefusedWithItsPath() {
        SbomInput missing = new SbomInput(input.image(), input.tool(), input.timestamp(), input.files(),
                input.executable(), input.operatingSystem(), input.osPackages(), input.goModules(),
                List.of(new FileDependency(APP, List.of("/usr/lib/x86_64-linux-gnu/libssl.so.3"))));

        assertThatThrownBy(() -> CycloneDxWriter.write(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a dependency of /app/hello /usr/lib/x86_64-linux-gnu/libssl.so.3 is not among the image"
                        + " files; list every regular file of the image, with its SHA-256");
    }
}
