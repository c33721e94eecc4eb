package io.github.scratchimage.signing;

import io.github.scratchimage.testing.TestExecutables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real openssl CLI, which makes the keys the tests load and checks what they sign. */
public final class OpenSsl {
    private OpenSsl() {
    }

    public static String run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        return TestExecutables.run(command, "apt-get install openssl");
    }

    public static TestExecutables.Outcome outcome(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        return TestExecutables.outcome(command, "apt-get install openssl");
    }

    /**
     * A passphrase for openssl's {@code file:} source: as UTF-8 bytes, so a non-ASCII passphrase
     * does not depend on how the JVM encodes command-line arguments.
     */
    public static String passphraseFile(Path directory, String passphrase) {
        try {
            Path file = Files.createTempFile(directory, "pass", ".txt");
            Files.writeString(file, passphrase + "\n", StandardCharsets.UTF_8);
            return "file:" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
