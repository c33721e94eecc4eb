package io.github.scratchimage.analysis;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.testing.FuzzWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jazzer: whatever the ELF reader accepts, the analysis and the runtime advisor take without
 * throwing anything but {@link UnsupportedExecutableException}, which must name the file and a
 * fix. The advisor reads the file again (its read-only strings), so each input is written to disk.
 */
class AnalyzerFuzzTest {
    private static final Path FILE = temporaryFile();

    @MethodSource("io.github.scratchimage.testing.FuzzSeeds#executables")
    @FuzzTest(maxDuration = "5s")
    void whatTheReaderAcceptsIsAnalysedOrRefusedWithAReason(byte[] bytes) throws IOException {
        ElfFile elf;
        try {
            elf = ElfReader.read(FILE.toString(), bytes);
        } catch (ElfFormatException e) {
            return; // the reader's own fuzz test covers this side
        }
        BinaryAnalysis analysis;
        try {
            analysis = Analyzer.analyze(elf);
        } catch (UnsupportedExecutableException e) {
            if (!e.file().equals(FILE.toString()) || e.problem().isBlank() || e.fix().isBlank()) {
                throw new AssertionError("refusal without file, problem or fix: " + e.getMessage(), e);
            }
            return;
        }
        for (LinkagePolicy policy : LinkagePolicy.values()) {
            policy.allows(analysis.linkage());
        }
        Files.write(FILE, bytes);
        List<Finding> findings = RuntimeAdvisor.advise(FILE, elf, analysis);
        if (findings.stream().map(Finding::kind).distinct().count() != findings.size()) {
            throw new AssertionError("more than one finding of a kind: " + findings);
        }
    }

    private static Path temporaryFile() {
        try {
            return FuzzWork.fresh("analyzer").resolve("fuzzed.elf");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
