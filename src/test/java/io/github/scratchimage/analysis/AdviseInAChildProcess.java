package io.github.scratchimage.analysis;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfReader;
import java.nio.file.Path;

/** Runs the advisor on one executable in a JVM of its own, so a test can cap its heap. */
public final class AdviseInAChildProcess {
    private AdviseInAChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path executable = Path.of(args[0]);
        ElfFile elf = ElfReader.read(executable);
        for (Finding finding : RuntimeAdvisor.advise(executable, elf, Analyzer.analyze(elf))) {
            System.out.println(finding.kind());
        }
    }
}
