package io.github.scratchimage.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@link LocalRegistry} for an invoker IT: its pre-build script starts one on the port the IT's
 * POM was filtered with, its post-build script stops it. The two scripts run in different class
 * loaders, so the registry is found again through {@code registry.properties} in the IT's basedir.
 */
public final class ItRegistry {
    private static final String STATE = "registry.properties";

    private ItRegistry() {
    }

    /** Starts a plain-HTTP registry, or with htpasswd auth when {@code username} is given. */
    public static String start(File basedir, int port, String username, String password) throws IOException {
        LocalRegistry.Builder builder = LocalRegistry.builder().port(port);
        if (username != null) {
            builder.htpasswd(username, password);
        }
        return remember(basedir, builder.start());
    }

    /** Starts a registry with a self-signed certificate. */
    public static String startTls(File basedir, int port) throws IOException {
        return remember(basedir, LocalRegistry.builder().port(port).tls().start());
    }

    private static String remember(File basedir, LocalRegistry registry) throws IOException {
        Properties state = new Properties();
        state.setProperty("pid", Long.toString(registry.pid()));
        state.setProperty("directory", registry.directory().toString());
        try (var out = Files.newOutputStream(basedir.toPath().resolve(STATE))) {
            state.store(out, "started by the IT's pre-build script");
        }
        return registry.address();
    }

    public static void stop(File basedir) throws IOException {
        Path file = basedir.toPath().resolve(STATE);
        if (!Files.exists(file)) {
            return;
        }
        Properties state = new Properties();
        try (var in = Files.newInputStream(file)) {
            state.load(in);
        }
        ProcessHandle.of(Long.parseLong(state.getProperty("pid"))).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        try (Stream<Path> paths = Files.walk(Path.of(state.getProperty("directory")))) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        Files.delete(file);
    }
}
