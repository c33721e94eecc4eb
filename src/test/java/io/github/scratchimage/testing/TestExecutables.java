package io.github.scratchimage.testing;

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
import java.util.concurrent.TimeUnit;

/**
 * Compiles tiny C programs with real compilers at test time. Outputs are cached under
 * {@code target/test-executables} by a hash of compiler, flags and source, so a suite compiles
 * each variant once. A missing compiler fails the test with the Debian package to install:
 * a skipped test would hide that the suite did not run.
 */
public final class TestExecutables {
    public static final String HELLO = """
            #include <stdio.h>
            int main(void) { puts("hello from scratch"); return 0; }
            """;

    private static final Path CACHE = Paths.get("target", "test-executables").toAbsolutePath();

    private TestExecutables() {
    }

    public static Path hello(Toolchain toolchain) {
        return compile(toolchain, HELLO, List.of());
    }

    public static Path compile(Toolchain toolchain, String source, List<String> extraFlags) {
        return compile(toolchain, source, extraFlags, List.of());
    }

    /** With {@code libraries} ({@code -lcrypto}) after the source, where a static link needs them. */
    public static Path compile(Toolchain toolchain, String source, List<String> extraFlags, List<String> libraries) {
        try {
            Files.createDirectories(CACHE);
            String key = hash(toolchain + "\0" + extraFlags + "\0" + source
                    + (libraries.isEmpty() ? "" : "\0" + libraries));
            Path output = CACHE.resolve(toolchain.name().toLowerCase() + "-" + key);
            if (Files.isRegularFile(output)) {
                return output;
            }
            Path sourceFile = CACHE.resolve(key + ".c");
            Files.writeString(sourceFile, source);
            List<String> command = new ArrayList<>();
            command.add(toolchain.compiler());
            command.addAll(toolchain.flags());
            command.addAll(extraFlags);
            command.addAll(List.of("-o", output + ".tmp", sourceFile.toString()));
            command.addAll(libraries);
            run(command, "apt-get install " + toolchain.debianPackages());
            Files.move(Path.of(output + ".tmp"), output);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not compile a test executable with " + toolchain, e);
        }
    }

    /**
     * Runs a command and returns its standard output; fails with {@code installHint} when the
     * program is not on the PATH, and with the output when it exits non-zero.
     */
    public static String run(List<String> command, String installHint) {
        Outcome outcome = outcome(command, installHint);
        if (outcome.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + outcome.exitCode() + ":\n"
                    + outcome.output());
        }
        return outcome.output();
    }

    /** How a command ended: its exit code and its output (stdout and stderr together). */
    public record Outcome(int exitCode, String output) {
    }

    /** Like {@link #run} but a non-zero exit is a result, for tests that prove a program fails. */
    public static Outcome outcome(List<String> command, String installHint) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C"); // tools' output is parsed: no translations
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is not installed; this test needs it: " + installHint
                    + " (scripts/install-test-tools.sh installs every tool the tests use)", e);
        }
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
