package io.github.scratchimage.testing;

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

    private ImageServer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Unpacks {@code source} (e.g. {@code oci-archive:target/scratch-image.tar}) and runs {@code command} in it. */
    public static ImageServer start(File basedir, String source, Map<String, String> environment, List<String> command)
            throws IOException {
        Path rootfs = ItImages.unpack(basedir, source);
        Path dev = Files.createDirectories(rootfs.resolve("dev"));
        for (String[] device : DEVICES) {
            TestExecutables.run(List.of("mknod", "-m", "666", dev.resolve(device[0]).toString(), "c", device[1],
                    device[2]), "coreutils provides mknod (run the tests as root)");
        }
        List<String> full = new ArrayList<>(List.of("chroot", rootfs.toString()));
        full.addAll(command);
        Path log = rootfs.getParent().resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LC_ALL", "C");
        builder.environment().putAll(environment);
        return new ImageServer(builder.start(), log);
    }

    /** Waits until the server accepts connections on 127.0.0.1:{@code port}; fails with its output otherwise. */
    public void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited " + process.exitValue() + " before it listened on "
                        + port + ":\n" + output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the server did not listen on " + port + " within " + timeout + ":\n" + output());
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
