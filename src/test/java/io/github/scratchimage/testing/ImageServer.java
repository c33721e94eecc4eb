package io.github.scratchimage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server started from an unpacked image with chroot, reachable on this machine's loopback:
 * podman runs here only with {@code --network=none}, where nothing outside the container can
 * connect. Like any OCI runtime it first creates the device nodes every container has
 * ({@code /dev/null}, {@code /dev/zero}, {@code /dev/random}, {@code /dev/urandom}); they are not
 * part of an image, and servers open {@code /dev/null} at start-up.
 */
public final class ImageServer implements AutoCloseable {
    private static final List<String[]> DEVICES = List.of(
            new String[] {"null", "1", "3"}, new String[] {"zero", "1", "5"},
            new String[] {"random", "1", "8"}, new String[] {"urandom", "1", "9"});

    private final Process process;
    private final Path log;
    /** Set when the server runs in a network namespace of its own, where only {@link #inNetwork} reaches it. */
    private final boolean ownNetwork;

    private ImageServer(Process process, Path log, boolean ownNetwork) {
        this.process = process;
        this.log = log;
        this.ownNetwork = ownNetwork;
    }

    /** Unpacks {@code source} (e.g. {@code oci-archive:target/scratch-image.tar}) and runs {@code command} in it. */
    public static ImageServer start(File basedir, String source, Map<String, String> environment, List<String> command)
            throws IOException {
        Path rootfs = ItImages.unpack(basedir, source);
        createDevices(rootfs);
        List<String> full = new ArrayList<>(List.of("chroot", rootfs.toString()));
        full.addAll(command);
        Path log = rootfs.getParent().resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LC_ALL", "C");
        builder.environment().putAll(environment);
        return new ImageServer(builder.start(), log, false);
    }

    /**
     * Unpacks the OCI archive {@code tar} and runs it as a runtime would ({@link ItImages#runAsShipped}: only the
     * image's environment, its user, entrypoint and args, then {@code extraArgs}), in a network namespace of its own
     * with only loopback up. The server can then listen on the fixed port its configuration names, as in a
     * container, without meeting anything else on this machine; {@link #inNetwork} runs a client next to it.
     */
    public static ImageServer startAsShipped(File basedir, File tar, String... extraArgs) throws IOException {
        Path bundle = ItImages.unpack(basedir, tar);
        Path rootfs = bundle.resolve("rootfs");
        createDevices(rootfs);
        JsonNode process = new ObjectMapper().readTree(bundle.resolve("config.json").toFile()).get("process");
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "sh", "-c",
                "ip link set lo up && exec \"$@\"", "server", "env", "-i"));
        process.get("env").forEach(e -> command.add(e.asText()));
        command.addAll(List.of(ItImages.chroot(), "--userspec=" + process.get("user").get("uid").asInt() + ":"
                + process.get("user").get("gid").asInt(), rootfs.toString()));
        process.get("args").forEach(a -> command.add(a.asText()));
        command.addAll(List.of(extraArgs));
        Path log = bundle.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return new ImageServer(builder.start(), log, true);
        } catch (IOException e) {
            throw new AssertionError("unshare is not installed: apt-get install util-linux iproute2", e);
        }
    }

    /** Runs {@code command} on this machine but in the server's network namespace: a client that reaches it. */
    public TestExecutables.Outcome inNetwork(String... command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "--target", Long.toString(process.pid()), "--net"));
        full.addAll(List.of(command));
        return TestExecutables.outcome(full, "util-linux provides nsenter");
    }

    private static void createDevices(Path rootfs) throws IOException {
        Path dev = Files.createDirectories(rootfs.resolve("dev"));
        for (String[] device : DEVICES) {
            TestExecutables.run(List.of("mknod", "-m", "666", dev.resolve(device[0]).toString(), "c", device[1],
                    device[2]), "coreutils provides mknod (run the tests as root)");
        }
    }

    /** Waits until the server accepts connections on 127.0.0.1:{@code port}; fails with its output otherwise. */
    public void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited " + process.exitValue() + " before it listened on "
                        + port + ":\n" + output());
            }
            if (accepts(port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not listen on " + port + " within " + timeout + ":\n" + output());
    }

    private boolean accepts(int port) {
        if (ownNetwork) {
            return inNetwork("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port).exitCode() == 0;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
