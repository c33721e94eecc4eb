package io.github.scratchimage.analysis.golang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real Go programs, compiled at test time with Debian's {@code golang-go}: standard library (and
 * local modules) only, offline, with the build cache, GOPATH and HOME under {@code target/go} so
 * nothing is fetched and nothing lands in the user's home. Outputs are cached by a hash of the Go
 * version, sources, flags and environment, so a suite compiles each variant once (a cold build
 * of the standard library for another GOARCH takes about 15 s).
 */
public final class GoPrograms {
    static final String HELLO = """
            package main

            import "fmt"

            func main() { fmt.Println("hello from scratch") }
            """;

    /** Every need GoRuntimeNeeds knows, each through the call a program would really make. */
    static final String NEEDS = """
            package main

            import (
            	"crypto/x509"
            	"fmt"
            	"net"
            	"os"
            	"os/user"
            	"time"
            )

            func main() {
            	fmt.Println(time.LoadLocation("Europe/Paris"))
            	fmt.Println(x509.SystemCertPool())
            	fmt.Println(user.Lookup("root"))
            	fmt.Println(os.CreateTemp("", "probe"))
            	fmt.Println(net.LookupHost("localhost"))
            }
            """;

    static final String TZDATA = """
            package main

            import (
            	"fmt"
            	"time"
            	_ "time/tzdata"
            )

            func main() { fmt.Println(time.LoadLocation("Europe/Paris")) }
            """;

    public static final Map<String, String> REPLACED = Map.of(
            "app/go.mod", """
                    module example.com/app

                    go 1.19

                    require example.com/greeting v1.2.3

                    replace example.com/greeting => ../greeting
                    """,
            "app/main.go", """
                    package main

                    import (
                    	"fmt"

                    	"example.com/greeting"
                    )

                    var suffix = "."

                    func main() { fmt.Println(greeting.Hello() + suffix) }
                    """,
            "greeting/go.mod", "module example.com/greeting\n\ngo 1.19\n",
            "greeting/greeting.go", """
                    package greeting

                    //go:noinline
                    func Hello() string { return "hello from a replaced module" }
                    """);

    static final String STRIP = "-ldflags=-s -w";

    private static final Path ROOT = Paths.get("target", "go").toAbsolutePath();
    private static final String INSTALL_HINT = "apt-get install golang-go";
    private static String goVersion;

    private GoPrograms() {
    }

    /** A program of one {@code main.go} in module {@code example.com/<name>}. */
    static Path build(String name, String mainGo, List<String> flags, Map<String, String> environment) {
        return build(name, Map.of("go.mod", "module example.com/" + name + "\n\ngo 1.19\n", "main.go", mainGo), ".",
                flags, environment);
    }

    static Path build(String name, String mainGo, String... flags) {
        return build(name, mainGo, List.of(flags), Map.of());
    }

    /**
     * {@code files} (relative path to content) written to a fresh directory, then {@code go build}
     * in its {@code directory} (where the main module is).
     */
    public static synchronized Path build(String name, Map<String, String> files, String directory, List<String> flags,
            Map<String, String> environment) {
        try {
            String key = hash(version() + "\0" + new TreeMap<>(files) + "\0" + directory + "\0" + flags + "\0"
                    + new TreeMap<>(environment));
            Path output = ROOT.resolve("bin").resolve(name + "-" + key);
            if (Files.isRegularFile(output)) {
                return output;
            }
            Path source = ROOT.resolve("src").resolve(name + "-" + key);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = source.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            Files.createDirectories(output.getParent());
            List<String> command = new ArrayList<>(List.of("go", "build"));
            command.addAll(flags);
            command.addAll(List.of("-o", output + ".tmp", "."));
            go(command, source.resolve(directory), environment);
            Files.move(Path.of(output + ".tmp"), output);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not build the Go test program " + name, e);
        }
    }

    /** {@code go <arguments>} in the test environment; its standard output. */
    static String go(List<String> command, Path directory, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> env = builder.environment();
        env.put("GOCACHE", ROOT.resolve("cache").toString());
        env.put("GOPATH", ROOT.resolve("path").toString());
        env.put("GOMODCACHE", ROOT.resolve("path/pkg/mod").toString());
        env.put("HOME", ROOT.resolve("home").toString());
        env.put("GOPROXY", "off");
        env.put("GOSUMDB", "off");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOTELEMETRY", "off");
        env.put("GOENV", "off");
        env.put("CGO_ENABLED", "0");
        env.put("LC_ALL", "C");
        env.putAll(environment);
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        Process process;
        try {
            Files.createDirectories(ROOT.resolve("home"));
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("go is not installed; this test needs it: " + INSTALL_HINT
                    + " (scripts/install-test-tools.sh installs every tool the tests use)", e);
        }
        try {
            process.getOutputStream().close();
            // The error stream is small (diagnostics); read it on the side so neither pipe fills.
            CompletableFuture<byte[]> errors = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    errors.complete(process.getErrorStream().readAllBytes());
                } catch (IOException e) {
                    errors.completeExceptionally(e);
                }
            });
            reader.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            reader.join();
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + " in "
                        + directory + ":\n" + output + new String(errors.join(), StandardCharsets.UTF_8));
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String go(String... arguments) {
        List<String> command = new ArrayList<>(List.of("go"));
        command.addAll(List.of(arguments));
        return go(command, ROOT, Map.of());
    }

    /** {@code go version}: part of the cache key, so a new toolchain rebuilds every program. */
    static synchronized String version() {
        if (goVersion == null) {
            try {
                Files.createDirectories(ROOT);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            goVersion = go("version").strip();
        }
        return goVersion;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
