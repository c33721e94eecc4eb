package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.content.ExtraDirectories;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.testing.OciArchive;
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
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ELF file of the image gets its libraries, whichever option brought it, and the user's
 * content and the bundle share paths only where their bytes agree. Real shared objects compiled
 * here, archives made with Debian's tar, images written as OCI archives.
 */
class ContentClosureTest {
    /** A module an interpreter would dlopen: needs libz, and proves TLS verification reads the CA bundle. */
    private static final String MODULE = """
            #include <openssl/x509.h>
            #include <zlib.h>
            int module_init(void) {
                X509_STORE *store = X509_STORE_new();
                return X509_STORE_set_default_paths(store) + (int) zlibVersion()[0];
            }
            """;
    private static final String LIBZ = "/lib/x86_64-linux-gnu/libz.so.1";
    private static final String LIBCRYPTO = "/lib/x86_64-linux-gnu/libcrypto.so.3";

    @TempDir
    Path work;

    private final List<String> log = new ArrayList<>();
    private final BuildListener listener = (level, message) -> log.add(level + " " + message);

    private static Path module() {
        return TestExecutables.compile(Toolchain.GCC_NO_PIE, MODULE, List.of("-shared", "-fPIC"),
                List.of("-lcrypto", "-lz"));
    }

    @Test
    void anElfFileFromAnExtraDirectoryGetsItsLibrariesAndItsImportsCount() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
        Path extra = work.resolve("extra");
        copy(module(), extra.resolve("usr/lib/app/modules/crypto.so"));

        new Pipeline(listener).image(request(hello, LinkagePolicy.BUNDLE, List.of(), List.of(), extra, false));

        JsonNode check = checkReport();
        assertThat(paths(check.get("bundled"))).contains(LIBZ, LIBCRYPTO);
        assertThat(neededBy(check.get("bundled"), LIBZ)).containsExactly("/usr/lib/app/modules/crypto.so");
        assertThat(paths(check.get("imageElfFiles"))).containsExactly("/usr/lib/app/modules/crypto.so");
        assertThat(paths(check.get("bundled"))).doesNotContain("/usr/lib/app/modules/crypto.so");
        JsonNode ca = finding(check, "ca_certificates");
        assertThat(ca.get("source").asText()).isEqualTo("/usr/lib/app/modules/crypto.so (<extraDirectories>)");
        assertThat(ca.get("evidence").asText()).contains("imports X509_STORE_set_default_paths");
        assertThat(log).anyMatch(line -> line.contains("Bundling") && line.contains("more files for the ELF files"));
    }

    @Test
    void hardeningIsJudgedOnTheContentsElfFilesAsOnBundledOnes() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
        Path extra = work.resolve("extra");
        copy(TestExecutables.compile(Toolchain.GCC_NO_PIE, MODULE, List.of("-shared", "-fPIC", "-Wl,-z,norelro"),
                List.of("-lcrypto", "-lz")), extra.resolve("usr/lib/app/modules/crypto.so"));
        ImageRequest plain = request(hello, LinkagePolicy.BUNDLE, List.of(), List.of(), extra, false);
        CheckRequest c = plain.check();
        CheckRequest relro = new CheckRequest(c.executable(), c.linkage(), c.sysroot(), c.libraryPaths(),
                c.extraLibraries(), c.essentials(), false, c.appRoot(), Set.of(), CheckRequest.hardening("relro"));

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).image(new ImageRequest(relro,
                plain.container(), plain.content(), plain.target(), plain.cacheDirectory(), plain.compression(),
                plain.cacheMaxBytes(), plain.workDirectory(), plain.outputs())), InvalidInputException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("/usr/lib/app/modules/crypto.so (from <extraDirectories>): no relro");
        assertThat(checkReport().get("passed").asBoolean()).isFalse();
    }

    @Test
    void theSameBytesAtTheSamePathFromAnArchiveAndExtraLibrariesAreKeptOnce() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
        Path sysroot = Files.createDirectories(work.resolve("sysroot"));
        Path module = module();
        copySysroot(sysroot);
        copy(module, sysroot.resolve("opt/modules/crypto.so"));
        Path tree = work.resolve("rootfs");
        copy(module, tree.resolve("opt/modules/crypto.so"));
        Path archive = tar(tree, work.resolve("modules.tar"));

        ImageResult result = new Pipeline(listener).image(request(hello, LinkagePolicy.BUNDLE, sysroot,
                List.of("/opt/modules"), List.of(archive), null, false));

        OciArchive image = OciArchive.read(work.resolve("image.tar"));
        List<String> owners = result.layers().stream()
                .filter(l -> image.layerEntries(l.digest()).containsKey("opt/modules/crypto.so"))
                .map(l -> l.name()).toList();
        assertThat(owners).containsExactly("rootfs-modules.tar");
        assertThat(paths(checkReport().get("bundled"))).contains("/lib/x86_64-linux-gnu/libz.so.1")
                .doesNotContain("/opt/modules/crypto.so");
    }

    @Test
    void otherBytesAtAPathExtraLibrariesAddsNameEveryOptionAndTheFix() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
        Path sysroot = Files.createDirectories(work.resolve("sysroot"));
        copySysroot(sysroot);
        copy(module(), sysroot.resolve("opt/modules/crypto.so"));
        Path tree = work.resolve("rootfs");
        copy(Path.of(LIBZ), tree.resolve("opt/modules/crypto.so")); // another ELF file at the same path
        Path archive = tar(tree, work.resolve("modules.tar"));

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).image(request(hello,
                LinkagePolicy.BUNDLE, sysroot, List.of("/opt/modules/*.so"), List.of(archive), null, false)),
                InvalidInputException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).isEqualTo("/opt/modules/crypto.so comes from rootfs archive modules.tar and,"
                + " with other bytes, from " + sysroot.resolve("opt/modules/crypto.so") + " in <sysroot> " + sysroot
                + " (<extraLibraries>). Fix: keep one of the two: remove it from rootfs archive modules.tar, or point"
                + " <sysroot> (scratch.sysroot) at the root your content was made from, or drop it from"
                + " <extraLibraries>.");
        assertThat(Files.exists(work.resolve("image.tar"))).as("nothing half-written").isFalse();
        JsonNode check = checkReport(); // written with the closure that failed
        assertThat(check.get("passed").asBoolean()).isFalse();
        assertThat(paths(check.get("conflicts"))).containsExactly("/opt/modules/crypto.so");
    }

    @Test
    void aUserLibraryWithOtherBytesThanTheBundledOneIsAConflictNamingWhoNeedsIt() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_DYNAMIC_PIE);
        Path extra = work.resolve("extra");
        copy(Path.of("/lib/x86_64-linux-gnu/libm.so.6"), extra.resolve("lib/x86_64-linux-gnu/libc.so.6"));

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).image(request(hello,
                LinkagePolicy.BUNDLE, List.of(), List.of(), extra, false)), InvalidInputException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("/lib/x86_64-linux-gnu/libc.so.6 comes from <extraDirectories> ("
                + extra.resolve("lib/x86_64-linux-gnu/libc.so.6") + ") and, with other bytes, from /").contains("in <sysroot> / (the libraries bundled for /app/")
                .contains("Fix: keep one of the two: remove it from <extraDirectories>");
    }

    @Test
    void underStaticLinkageADynamicFileOfTheContentFailsNamingItAndLinkageBundle() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);
        Path extra = work.resolve("extra");
        copy(module(), extra.resolve("usr/lib/app/modules/crypto.so"));

        InvalidInputException refused = catchThrowableOfType(() -> new Pipeline(listener).image(request(hello,
                LinkagePolicy.STATIC, List.of(), List.of(), extra, false)), InvalidInputException.class);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("<linkage>static</linkage> bundles none")
                .contains("libz.so.1 (needed by /usr/lib/app/modules/crypto.so (<extraDirectories>))")
                .contains("Fix: set <linkage>bundle</linkage> (scratch.linkage=bundle)");
        assertThat(StreamSupport.stream(checkReport().get("unresolved").spliterator(), false)
                .map(u -> u.get("name").asText()).toList()).contains("libz.so.1", "libcrypto.so.3");
    }

    @Test
    void aDanglingArchiveSymlinkIsKeptAndReportedOnceWithItsSource() throws Exception {
        Path hello = TestExecutables.hello(Toolchain.GCC_STATIC);
        Path tree = Files.createDirectories(work.resolve("rootfs/usr/lib/python3.11"));
        Files.writeString(tree.resolve("os.py"), "# os\n");
        Files.createSymbolicLink(tree.resolve("sitecustomize.py"), Path.of("/etc/python3.11/sitecustomize.py"));
        Files.createSymbolicLink(tree.resolve("site.py"), Path.of("/etc/python3.11/site.py"));
        Path archive = tar(work.resolve("rootfs"), work.resolve("python.tar"));
        // one of the two targets comes from another option: only the other dangles
        Path extra = work.resolve("extra");
        Files.createDirectories(extra.resolve("etc/python3.11"));
        Files.writeString(extra.resolve("etc/python3.11/site.py"), "# site\n");

        new Pipeline(listener).image(request(hello, LinkagePolicy.STATIC, List.of(), List.of(archive), extra, false));

        JsonNode dangling = finding(checkReport(), "dangling_symlinks");
        assertThat(dangling.get("evidence").asText()).isEqualTo("ships symlinks that point at nothing in the image:"
                + " /usr/lib/python3.11/sitecustomize.py -> /etc/python3.11/sitecustomize.py (rootfs-python.tar)");
        assertThat(dangling.get("source").asText()).isEqualTo("rootfs-python.tar");
        assertThat(dangling.get("warning").asBoolean()).isTrue();
        assertThat(log).filteredOn(line -> line.startsWith("WARN dangling_symlinks")).hasSize(1);

        InvalidInputException gated = catchThrowableOfType(() -> new Pipeline(listener).image(request(hello,
                LinkagePolicy.STATIC, List.of(), List.of(archive), extra, true)), InvalidInputException.class);
        assertThat(gated).isNotNull();
        assertThat(gated.getMessage()).contains("dangling_symlinks (ships symlinks that point at nothing");
    }

    private static void copySysroot(Path sysroot) throws Exception {
        for (String file : List.of("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6", LIBZ, LIBCRYPTO,
                "/lib/x86_64-linux-gnu/libgcc_s.so.1")) {
            copy(Path.of(file).toRealPath(), sysroot.resolve(file.substring(1)));
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(from.toRealPath(), to);
    }

    /** A plain tar of the directory, as a user makes one. */
    private static Path tar(Path directory, Path archive) {
        TestExecutables.run(List.of("tar", "-C", directory.toString(), "-cf", archive.toString(), "."),
                "apt-get install tar");
        return archive;
    }

    private JsonNode checkReport() throws Exception {
        return new ObjectMapper().readTree(OutputFiles.in(work.resolve("target")).checkReport().toFile());
    }

    private static List<String> paths(JsonNode files) {
        return StreamSupport.stream(files.spliterator(), false).map(f -> f.get("path").asText()).toList();
    }

    private static List<String> neededBy(JsonNode files, String path) {
        return StreamSupport.stream(files.spliterator(), false).filter(f -> f.get("path").asText().equals(path))
                .flatMap(f -> StreamSupport.stream(f.get("neededBy").spliterator(), false)).map(JsonNode::asText)
                .toList();
    }

    private static JsonNode finding(JsonNode check, String kind) {
        return StreamSupport.stream(check.get("findings").spliterator(), false)
                .filter(f -> f.get("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " finding in " + check.get("findings")));
    }

    private ImageRequest request(Path executable, LinkagePolicy linkage, List<String> extraLibraries,
            List<Path> archives, Path extra, boolean failOnWarnings) throws Exception {
        return request(executable, linkage, Path.of("/"), extraLibraries, archives, extra, failOnWarnings);
    }

    private ImageRequest request(Path executable, LinkagePolicy linkage, Path sysroot, List<String> extraLibraries,
            List<Path> archives, Path extra, boolean failOnWarnings) throws Exception {
        CheckRequest check = new CheckRequest(
                new ExecutableLocator.Search(Optional.of(executable), Optional.empty(), work, "app", "app-1"),
                linkage, sysroot, List.of(), extraLibraries,
                Essentials.settings("false", List.of(), "false", "false", "false"), failOnWarnings,
                CheckRequest.appRoot("/app"));
        ContainerSettings container = new ContainerSettings(Optional.empty(), List.of(), Map.of(), Optional.empty(),
                "65532:65532", List.of(), Map.of(), ImageFormat.OCI, Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                Optional.empty());
        List<ExtraDirectories.Source> directories = extra == null ? List.of() : List.of(ExtraDirectories.Source.of(extra));
        return new ImageRequest(check, container, new ContentSources(archives, directories, List.of(), false),
                new TarTarget(work.resolve("image.tar"), "app:1"), work.resolve("cache"),
                LayerCompression.gzip(6), BlobStoreCap.DEFAULT_CAP_BYTES, work.resolve("target/scratch-generated"),
                OutputFiles.in(work.resolve("target")));
    }
}
