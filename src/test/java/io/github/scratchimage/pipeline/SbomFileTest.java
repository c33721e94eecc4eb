package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.analysis.golang.GoPrograms;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.testing.ContainerTools;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/scratch-image.cdx.json} of a real image: a dynamically linked program bundled
 * from this machine's own root, its files compared with the image unpacked by umoci, its
 * packages with what dpkg-query says, and the document with the CycloneDX library's validator.
 */
class SbomFileTest {
    private static final Instant CREATED = Instant.parse("2026-02-03T04:05:06Z");

    @TempDir
    Path work;

    private final BuildListener listener = (level, message) -> { };

    @Test
    void aBundledProgramsSbomNamesEveryFileOfTheImageItsPackagesAndWhatNeedsWhat() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
        Path tar = work.resolve("image.tar");

        ImageResult result = new Pipeline(listener).image(request(hello, LinkagePolicy.BUNDLE, "UTC", tar, true));

        Path sbomFile = OutputFiles.in(work.resolve("target")).sbom();
        byte[] bytes = Files.readAllBytes(sbomFile);
        assertThat(new JsonParser().validate(bytes, Version.VERSION_16)).isEmpty();
        JsonNode sbom = new ObjectMapper().readTree(bytes);
        String exe = "/app/" + hello.getFileName();

        assertThat(sbom.at("/metadata/timestamp").asText()).isEqualTo("2026-02-03T04:05:06Z");
        JsonNode image = sbom.at("/metadata/component");
        assertThat(image.get("type").asText()).isEqualTo("container");
        assertThat(image.get("name").asText()).isEqualTo("app");
        assertThat(image.get("version").asText()).isEqualTo("1");
        assertThat(image.get("purl").asText()).isEqualTo("pkg:oci/app@" + result.digest() + "?repository_url=app&tag=1");

        Map<String, JsonNode> components = new HashMap<>();
        sbom.get("components").forEach(c -> components.put(c.get("bom-ref").asText(), c));
        JsonNode program = components.get("file:" + exe);
        assertThat(program.get("type").asText()).isEqualTo("application");
        assertThat(program.get("name").asText()).isEqualTo(hello.getFileName().toString());
        assertThat(program.at("/hashes/0/content").asText()).isEqualTo(sha256(hello));

        String libcVersion = TestExecutables.run(List.of("dpkg-query", "-W", "-f=${Version}", "libc6"),
                "dpkg is part of every Debian system");
        String tzdataVersion = TestExecutables.run(List.of("dpkg-query", "-W", "-f=${Version}", "tzdata"),
                "apt-get install tzdata");
        JsonNode libc6 = components.values().stream().filter(c -> c.get("name").asText().equals("libc6"))
                .findFirst().orElseThrow();
        assertThat(libc6.get("version").asText()).isEqualTo(libcVersion);
        assertThat(libc6.get("purl").asText()).startsWith("pkg:deb/debian/libc6@").contains("arch=amd64");
        assertThat(libc6.at("/evidence/occurrences").findValuesAsText("location"))
                .contains("/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2");
        JsonNode tzdata = components.values().stream().filter(c -> c.get("name").asText().equals("tzdata"))
                .findFirst().orElseThrow();
        assertThat(tzdata.get("version").asText()).isEqualTo(tzdataVersion);
        assertThat(components.values()).anySatisfy(c -> assertThat(c.get("type").asText()).isEqualTo("operating-system"));

        // every regular file of the unpacked image, and nothing else, with the SHA-256 of its bytes
        Path rootfs = ContainerTools.unpackImage("oci-archive:" + tar, Files.createDirectories(work.resolve("unpacked")));
        Map<String, String> unpacked = new HashMap<>();
        try (Stream<Path> walk = Files.walk(rootfs)) {
            for (Path file : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                unpacked.put("/" + rootfs.relativize(file), sha256(file));
            }
        }
        assertThat(unpacked).containsKeys(exe, "/lib/x86_64-linux-gnu/libc.so.6", "/usr/share/zoneinfo/UTC");
        Map<String, String> listed = new HashMap<>();
        components.forEach((ref, c) -> {
            if (ref.startsWith("file:")) {
                listed.put(ref.substring("file:".length()), c.at("/hashes/0/content").asText());
            }
        });
        assertThat(listed).isEqualTo(unpacked);

        Map<String, List<String>> dependsOn = new HashMap<>();
        sbom.get("dependencies").forEach(d -> {
            List<String> needs = new ArrayList<>();
            d.path("dependsOn").forEach(need -> needs.add(need.asText()));
            dependsOn.put(d.get("ref").asText(), needs);
        });
        assertThat(dependsOn.get("file:" + exe))
                .contains("file:/lib/x86_64-linux-gnu/libc.so.6", "file:/lib64/ld-linux-x86-64.so.2");
    }

    @Test
    void noSbomWhenTurnedOffAndAFailedBuildLeavesNoStaleOne() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);
        Path sbom = OutputFiles.in(work.resolve("target")).sbom();

        new Pipeline(listener).image(request(hello, LinkagePolicy.STATIC, "false", work.resolve("a.tar"), false));
        assertThat(sbom).doesNotExist();

        new Pipeline(listener).image(request(hello, LinkagePolicy.STATIC, "false", work.resolve("b.tar"), true));
        assertThat(sbom).isRegularFile();
        Path dynamic = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).image(
                request(dynamic, LinkagePolicy.STATIC, "false", work.resolve("c.tar"), true)),
                InvalidInputException.class);
        assertThat(refused).isNotNull();
        assertThat(sbom).as("deleted at the start, like the digest").doesNotExist();
    }

    @Test
    void aGoProgramsSbomListsTheModulesItWasBuiltWith() throws Exception {
        // CGO_ENABLED=0 and stripped: the build info survives -s -w
        Path program = GoPrograms.build("replaced", GoPrograms.REPLACED, "app", List.of("-ldflags=-s -w"),
                Map.of("CGO_ENABLED", "0"));

        new Pipeline(listener).image(request(program, LinkagePolicy.STATIC, "false", work.resolve("go.tar"), true));

        String sbom = Files.readString(OutputFiles.in(work.resolve("target")).sbom());
        assertThat(sbom).as("the dependency at the version the build required").contains(
                "pkg:golang/example.com/greeting@v1.2.3");
        assertThat(sbom).as("a (devel) main module names no version a scanner could look up")
                .doesNotContain("pkg:golang/example.com/app");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private ImageRequest request(Path executable, LinkagePolicy linkage, String timezones, Path tar, boolean sbom)
            throws Exception {
        CheckRequest check = new CheckRequest(
                new ExecutableLocator.Search(Optional.of(executable), Optional.empty(), work, "app", "app-1"),
                linkage, Path.of("/"), List.of(), List.of(),
                Essentials.settings("false", List.of(), timezones, "false", "false"), false, "/app");
        ContainerSettings container = new ContainerSettings(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                "65532:65532", List.of(), Map.of(), ImageFormat.OCI, CREATED, CREATED, Optional.empty());
        return new ImageRequest(check, container, new ContentSources(List.of(), List.of(), List.of(), false),
                new TarTarget(tar, "app:1"), work.resolve("cache"), LayerCompression.gzip(1), BlobStoreCap.DEFAULT_CAP_BYTES,
                work.resolve("target/scratch-generated"),
                OutputFiles.in(work.resolve("target")), sbom ? ImageRequest.Sbom.FILE : ImageRequest.Sbom.OFF);
    }
}
