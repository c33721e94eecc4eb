package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's contract for finding the executable when {@code <executable>} is not set. */
class ExecutableLocatorTest {
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};

    @TempDir
    Path target;

    @Test
    void theMainArtifactWinsWhenItIsAnElfFileThenArtifactIdThenFinalName() throws Exception {
        Path jar = Files.write(target.resolve("app-1.0.jar"), new byte[] {'P', 'K', 3, 4});
        Path byArtifactId = Files.write(target.resolve("app"), ELF);
        Path byFinalName = Files.write(target.resolve("app-1.0"), ELF);
        Path native_ = Files.write(target.resolve("native"), ELF);

        assertThat(ExecutableLocator.locate(Optional.empty(), Optional.of(native_), target, "app", "app-1.0"))
                .isEqualTo(native_);
        assertThat(ExecutableLocator.locate(Optional.empty(), Optional.of(jar), target, "app", "app-1.0"))
                .isEqualTo(byArtifactId);
        Files.delete(byArtifactId);
        assertThat(ExecutableLocator.locate(Optional.empty(), Optional.empty(), target, "app", "app-1.0"))
                .isEqualTo(byFinalName);
    }

    @Test
    void nothingFoundListsWhatWasTriedAndTheFix() throws Exception {
        Files.createDirectories(target.resolve("app"));
        assertThatThrownBy(() -> ExecutableLocator.locate(Optional.empty(), Optional.empty(), target, "app", "app-1.0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the main artifact (none attached)")
                .hasMessageContaining(target.resolve("app") + " (a directory)")
                .hasMessageContaining(target.resolve("app-1.0") + " (missing)")
                .hasMessageContaining("-Dscratch.executable=");
    }

    @Test
    void aConfiguredPathMustBeAFileThatExists() {
        assertThatThrownBy(() -> ExecutableLocator.locate(Optional.of(target), Optional.empty(), target, "a", "b"))
                .hasMessageContaining("is a directory, not a file");
        assertThatThrownBy(() -> ExecutableLocator.locate(Optional.of(target.resolve("nope")), Optional.empty(),
                target, "a", "b")).hasMessageContaining("does not exist: build it before the package phase ends");
    }
}
