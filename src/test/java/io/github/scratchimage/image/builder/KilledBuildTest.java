package io.github.scratchimage.image.builder;

import static io.github.scratchimage.testing.ContainerTools.chroot;
import static io.github.scratchimage.testing.ContainerTools.skopeo;
import static io.github.scratchimage.testing.ContainerTools.unpackImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.layer.ParallelGzipOutputStreamTest;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.testing.FaultyProxy.Fault;
import io.github.scratchimage.testing.FaultyProxy;
import io.github.scratchimage.testing.LocalRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build killed with SIGTERM, mid-push or mid-compression, then run again with the same cache:
 * the second build must give exactly the image a build with a clean cache gives, and it must run.
 */
@Tag("registry")
public class KilledBuildTest {
    @TempDir
    Path work;

    @Test
    void killedWhileThePushWaitsOnTheManifestThenRunAgain() throws Exception {
        Path hello = ImageFixtures.copyAs(ImageFixtures.printing("after a kill"), work.resolve("in/hello"));
        try (LocalRegistry registry = LocalRegistry.start(); FaultyProxy proxy = FaultyProxy.to(registry.port())) {
            proxy.inject(Fault.STALL, "^PUT /v2/.*/manifests/", 1, 100);
            Process child = startChild(work.resolve("cache"), hello, proxy.address() + "/killed/app:1");
            awaitOrFail(child, () -> proxy.requests().stream().anyMatch(line -> line.contains("/manifests/")),
                    "the child to reach the manifest");

            killWithSigterm(child);

            assertThat(skopeoExit("inspect", "--tls-verify=false", "docker://" + registry.address() + "/killed/app:1"))
                    .as("the tag of a killed push").isNotZero();
            assertRebuildMatchesACleanBuild(hello, registry, "killed/app:1", "after a kill\n");
        }
    }

    @Test
    void killedWhileCompressingThenRunAgain() throws Exception {
        // Large enough that compression is still running when the partial blob appears.
        Path big = work.resolve("in/hello");
        Files.createDirectories(big.getParent());
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(Files.readAllBytes(ImageFixtures.printing("big one here")));
            for (int i = 0; i < 48; i++) {
                out.write(ParallelGzipOutputStreamTest.compressibleBytes(1 << 20, i));
            }
        }
        big.toFile().setExecutable(true);
        try (LocalRegistry registry = LocalRegistry.start()) {
            Path blobs = work.resolve("cache/blobs/sha256");
            Process child = startChild(work.resolve("cache"), big, registry.address() + "/killed/big:1");
            awaitOrFail(child, () -> partialBlobs(blobs) > 0, "a partial blob in " + blobs);

            killWithSigterm(child);

            assertRebuildMatchesACleanBuild(big, registry, "killed/big:1", "big one here\n");
        }
    }

    private void assertRebuildMatchesACleanBuild(Path executable, LocalRegistry registry, String repositoryAndTag,
            String expectedOutput) throws Exception {
        ImagePlan plan = ImagePlan.builder(executable, Platform.linux("amd64")).build();
        ImageResult rebuilt = builder(work.resolve("cache"))
                .build(plan, new RegistryTarget(registry.address() + "/" + repositoryAndTag, List.of(), null, null,
                        true, false));
        ImageResult clean = builder(work.resolve("clean-cache"))
                .build(plan, new TarTarget(work.resolve("clean.tar"), "clean:1"));

        assertThat(rebuilt.digest()).isEqualTo(clean.digest());
        assertThat(skopeo("inspect", "--tls-verify=false", "docker://" + registry.address() + "/" + repositoryAndTag))
                .contains(rebuilt.digest());
        assertThat(chroot(unpackImage("docker://" + registry.address() + "/" + repositoryAndTag, work,
                "--src-tls-verify=false"), "/app/hello"))
                .isEqualTo(expectedOutput);
    }

    private ImageBuilder builder(Path cache) {
        return new ImageBuilder(cache, BuildListener.NONE, new RegistryCredentials(Map.of(), work.resolve("home")));
    }

    private static Process startChild(Path cache, Path executable, String reference) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                PushInAChildProcess.class.getName(), cache.toString(), executable.toString(), reference)
                .redirectErrorStream(true).redirectOutput(cache.resolveSibling("child.log").toFile()).start();
    }

    private void awaitOrFail(Process child, BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (!child.isAlive()) {
                throw new AssertionError("the child ended (exit " + child.exitValue() + ") before " + what + ": "
                        + Files.readString(work.resolve("child.log")));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void killWithSigterm(Process child) throws InterruptedException {
        child.destroy(); // SIGTERM on Linux
        assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the child ended").isTrue();
        assertThat(child.exitValue()).as("killed, not finished").isEqualTo(143);
    }

    private static long partialBlobs(Path blobs) {
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(blobs)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".partial")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int skopeoExit(String... args) throws Exception {
        Process process = new ProcessBuilder(Stream.concat(Stream.of("skopeo"), Stream.of(args)).toList())
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }
}
