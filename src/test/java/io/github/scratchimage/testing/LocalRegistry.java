package io.github.scratchimage.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}) on 127.0.0.1 and a free port,
 * storing blobs in a temporary directory, optionally behind htpasswd auth and/or TLS with a
 * self-signed certificate. {@link #close()} stops it and deletes its files.
 */
public final class LocalRegistry implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final int port;
    private final Process process;
    private final boolean tls;

    private LocalRegistry(Path directory, int port, Process process, boolean tls) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.tls = tls;
    }

    public static LocalRegistry start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The registry's process id, so a script in another class loader can stop it. */
    public long pid() {
        return process.pid();
    }

    /** Storage, configuration and log of this registry. */
    public Path directory() {
        return directory;
    }

    /** A free TCP port on 127.0.0.1 that nothing listens on once this returns (racy, fine for tests). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Temp files left behind do not fail a test.
        }
    }

    /** Options of the registry to start. */
    public static final class Builder {
        private String username;
        private String password;
        private boolean tls;
        private int port;

        /** A fixed port (an invoker IT's POM names it); by default a free one is picked. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder htpasswd(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public Builder tls() {
            this.tls = true;
            return this;
        }

        public LocalRegistry start() {
            try {
                Path directory = Files.createTempDirectory("local-registry-");
                int port = this.port > 0 ? this.port : freePort();
                List<String> config = new ArrayList<>(List.of(
                        "version: 0.1",
                        "log:",
                        "  level: warn",
                        "storage:",
                        "  filesystem:",
                        "    rootdirectory: " + directory.resolve("storage"),
                        "http:",
                        "  addr: 127.0.0.1:" + port));
                if (tls) {
                    Path cert = directory.resolve("cert.pem");
                    Path key = directory.resolve("key.pem");
                    TestExecutables.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                            "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                            "-keyout", key.toString(), "-out", cert.toString()), "apt-get install openssl");
                    config.addAll(List.of("  tls:", "    certificate: " + cert, "    key: " + key));
                }
                if (username != null) {
                    Path htpasswd = directory.resolve("htpasswd");
                    String entry = TestExecutables.run(List.of("htpasswd", "-Bbn", username, password),
                            "apt-get install apache2-utils");
                    Files.writeString(htpasswd, entry.strip() + "\n");
                    config.addAll(List.of("auth:", "  htpasswd:", "    realm: test-registry",
                            "    path: " + htpasswd));
                }
                Path configFile = directory.resolve("config.yml");
                Files.write(configFile, config);
                Process process;
                try {
                    process = new ProcessBuilder("docker-registry", "serve", configFile.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(directory.resolve("registry.log").toFile())
                            .start();
                } catch (IOException e) {
                    throw new AssertionError("docker-registry is not installed; this test needs it: "
                            + "apt-get install docker-registry", e);
                }
                LocalRegistry registry = new LocalRegistry(directory, port, process, tls);
                registry.awaitListening();
                return registry;
            } catch (IOException e) {
                throw new IllegalStateException("could not start a local registry", e);
            }
        }
    }

    /** 200 without auth, 401 with: either way the registry serves the API. */
    private boolean answersV2() {
        try {
            var connection = (java.net.HttpURLConnection) new java.net.URL("http://" + address() + "/v2/")
                    .openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls until {@code /v2/} answers; over TLS an accepted connection is taken as enough. */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("registry.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (tls || answersV2()) {
                    return;
                }
            } catch (IOException notYet) {
                // keep polling
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer on " + address() + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s");
    }
}
