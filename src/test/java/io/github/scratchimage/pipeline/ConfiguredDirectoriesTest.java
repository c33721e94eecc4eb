package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.analysis.Finding.Kind;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.content.ExtraDirectories;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directories a configuration in the extra directories names: a finding the image goal settles
 * against the image's content, which fails {@code <failOnWarnings>} naming the file, line and
 * directory, and is met once the user adds the directory.
 */
class ConfiguredDirectoriesTest {
    private static final String NGINX_CONF = """
            # pid and logs: see http://nginx.org/en/docs/ngx_core_module.html#pid
            daemon off;
            pid /run/nginx.pid;
            error_log /var/log/nginx/error.log;
            events { }
            http {
                client_body_temp_path /tmp/body;
                include /etc/nginx/mime.types;
                server { root /srv/www; location /api/ { } }
            }
            """;

    @TempDir
    Path work;

    private final List<String> log = new ArrayList<>();
    private final BuildListener listener = (level, message) -> log.add(level + " " + message);

    @Test
    void aMissingDirectoryFailsTheGateNamingFileLineAndDirectory() throws Exception {
        Path extra = extraDirectory();
        InvalidInputException refused = catchThrowableOfType(() -> image(extra, "auto"), InvalidInputException.class);

        String conf = extra.resolve("etc/nginx/nginx.conf").toString();
        assertThat(refused).hasMessageContaining("configured_directory (" + conf + ":3 names /run/nginx.pid; fix: add"
                + " the directory to your extra directory (an empty " + extra.resolve("run") + ", with a placeholder"
                + " file in it for git), writable by the image's user: <extraDirectories><permissions><permission>"
                + "<file>/run</file><mode>1777</mode></permission></permissions>");
        assertThat(refused).hasMessageContaining("configured_directory (" + conf + ":4 names /var/log/nginx/error.log;");
        assertThat(log).contains("WARN configured_directory: " + conf + ":3 names /run/nginx.pid. the image has no /run"
                + " unless the build adds it: a program that creates files there at start (a pid file, a log, a socket,"
                + " temporary files) fails with ENOENT. Fix: add the directory to your extra directory (an empty "
                + extra.resolve("run") + ", with a placeholder file in it for git), writable by the image's user:"
                + " <extraDirectories><permissions><permission><file>/run</file><mode>1777</mode></permission>"
                + "</permissions>; or point the configuration at /tmp, which <tmp> adds; or <acknowledge><kind>"
                + "configured_directory</kind></acknowledge> when the container runtime mounts a volume there");
        assertThat(work.resolve("image.tar")).doesNotExist();
    }

    /** The paths it ships (mime.types, /srv/www), comments, URLs and URL paths are no findings. */
    @Test
    void addingTheDirectoriesMeetsTheFindings() throws Exception {
        Path extra = extraDirectory();
        Files.createDirectories(extra.resolve("run"));
        Files.createDirectories(extra.resolve("var/log/nginx"));

        List<JsonNode> directories = image(extra, "auto");

        assertThat(directories).extracting(f -> f.get("evidence").asText()).containsExactly(
                extra.resolve("etc/nginx/nginx.conf") + ":3 names /run/nginx.pid",
                extra.resolve("etc/nginx/nginx.conf") + ":4 names /var/log/nginx/error.log",
                extra.resolve("etc/nginx/nginx.conf") + ":7 names /tmp/body");
        assertThat(directories).allMatch(f -> f.get("status").asText().equals("satisfied"));
        assertThat(directories).extracting(f -> f.get("satisfiedBy").asText()).containsExactly("<extraDirectories> (/run)",
                "<extraDirectories> (/var/log/nginx)",
                "<tmp> (auto: <extraDirectories> file /etc/nginx/nginx.conf names /tmp/body)");
        assertThat(work.resolve("image.tar")).exists();
    }

    @Test
    void tmpTurnedOffLeavesTheTmpPathsUnmetWithTmpAsTheFix() throws Exception {
        Path extra = Files.createDirectories(work.resolve("scratch/etc/app"));
        Files.writeString(extra.resolve("app.conf"), "cache = /tmp/app-cache\n");

        InvalidInputException refused = catchThrowableOfType(() -> image(work.resolve("scratch"), "false"),
                InvalidInputException.class);

        assertThat(refused).hasMessageContaining("configured_directory (" + extra.resolve("app.conf")
                + ":1 names /tmp/app-cache; fix: <tmp>true</tmp> (scratch.tmp=true: an empty /tmp with mode 1777))");
    }

    /** A binary file, the system's own databases (shells, home directories) and programs to run are no findings. */
    @Test
    void whatIsNotTheProgramsConfigurationAndAnAcknowledgementPassTheGate() throws Exception {
        Path extra = Files.createDirectories(work.resolve("scratch/usr/share/app"));
        Files.write(extra.resolve("data.bin"), "\0\1pid /run/x.pid\n".getBytes());
        Files.createDirectories(work.resolve("scratch/etc"));
        Files.writeString(work.resolve("scratch/etc/passwd"), "nonroot:x:65532:65532::/home/nonroot:/sbin/nologin\n");
        Files.writeString(extra.resolve("hooks.conf"), "on_start = /usr/bin/notify\n");
        assertThat(image(work.resolve("scratch"), "auto")).isEmpty();

        Files.writeString(extra.resolve("app.conf"), "socket /run/app/app.sock\n");
        assertThat(image(work.resolve("scratch"), "auto", Kind.CONFIGURED_DIRECTORY))
                .extracting(f -> f.get("status").asText()).containsExactly("acknowledged");
    }

    private Path extraDirectory() throws Exception {
        Path extra = work.resolve("src/main/scratch");
        Files.createDirectories(extra.resolve("etc/nginx"));
        Files.createDirectories(extra.resolve("srv/www"));
        Files.writeString(extra.resolve("etc/nginx/nginx.conf"), NGINX_CONF);
        Files.writeString(extra.resolve("etc/nginx/mime.types"), "types { text/html html; }\n");
        Files.writeString(extra.resolve("srv/www/index.html"), "hello\n");
        return extra;
    }

    /** Builds the image of a static program with {@code extra}; its configured_directory findings. */
    private List<JsonNode> image(Path extra, String tmp, Kind... acknowledged) throws Exception {
        Path program = TestExecutables.hello(Toolchain.MUSL_STATIC);
        CheckRequest check = new CheckRequest(
                new ExecutableLocator.Search(Optional.of(program), Optional.empty(), work, "app", "app-1"),
                LinkagePolicy.STATIC, Path.of("/"), List.of(), List.of(),
                Essentials.settings("auto", List.of(), "auto", "auto", tmp), true, CheckRequest.appRoot("/app"))
                .acknowledging(acknowledged.length == 0 ? Set.of() : Set.of(acknowledged));
        ContainerSettings container = new ContainerSettings(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                "65532:65532", List.of(), Map.of(), ImageFormat.OCI, Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                Optional.empty());
        ImageRequest request = new ImageRequest(check, container, new ContentSources(List.of(),
                List.of(ExtraDirectories.Source.of(extra)), List.of(), false),
                new TarTarget(work.resolve("image.tar"), "app:1"), work.resolve("cache"), LayerCompression.gzip(6),
                BlobStoreCap.DEFAULT_CAP_BYTES, work.resolve("target/scratch-generated"),
                OutputFiles.in(work.resolve("target")));
        new Pipeline(listener).image(request);
        return directories();
    }

    /** The findings of kind configured_directory in the scratch-check.json the image goal wrote. */
    private List<JsonNode> directories() throws Exception {
        List<JsonNode> found = new ArrayList<>();
        new ObjectMapper().readTree(OutputFiles.in(work.resolve("target")).checkReport().toFile()).get("findings")
                .forEach(f -> {
                    if (f.get("kind").asText().equals("configured_directory")) {
                        found.add(f);
                    }
                });
        return found;
    }
}
