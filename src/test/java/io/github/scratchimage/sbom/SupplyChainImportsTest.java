package io.github.scratchimage.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dpkg, purl and sbom packages take paths, strings and records: no Maven, image or Jib types,
 * so they can be called from any step of the pipeline and tested without a build around them.
 */
class SupplyChainImportsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/github/scratchimage");

    @ParameterizedTest
    @CsvSource({
        "purl, java.",
        "dpkg, java. io.github.scratchimage.paths. io.github.scratchimage.purl.",
        "sbom, java. io.github.scratchimage.purl. org.cyclonedx.",
    })
    void importsStayWithinTheJdkAndTheseLibraries(String pkg, String allowed) throws Exception {
        List<String> prefixes = List.of(allowed.split(" "));
        List<Path> files;
        try (Stream<Path> walk = Files.list(SOURCES.resolve(pkg))) {
            files = walk.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("import ")) {
                    String imported = line.substring("import ".length()).replace("static ", "");
                    assertThat(prefixes).as(file + ": " + line).anyMatch(imported::startsWith);
                }
            }
        }
    }
}
