package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.Analyzer;
import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.Linkage;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.analysis.RuntimeAdvisor;
import io.github.scratchimage.analysis.SettledFinding;
import io.github.scratchimage.analysis.UnsupportedExecutableException;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.essentials.EssentialChoice;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.libraries.BundledFile;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.report.CheckReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The check every goal runs before building anything: locate and read the executable (once),
 * analyse it, ask the advisor what it will look for at run time, decide the essentials, apply the
 * linkage policy, and under {@code linkage=bundle} resolve its libraries. {@link #settle} then
 * settles the findings once the image's content is known and applies the warning gate.
 * A refusal is data ({@link CheckResult#failure()}), so the report can be written before failing.
 */
final class Check {
    private Check() {
    }

    static CheckResult run(CheckRequest request, BuildListener log) throws ScratchException {
        Path path = ExecutableLocator.locate(request.executable());
        ElfFile elf = read(path);
        BinaryAnalysis analysis = analyse(elf);
        log.log(BuildListener.Level.LIFECYCLE, CheckReport.summary(analysis));
        List<Finding> findings = advise(path, elf, analysis);
        LinkagePolicy policy = request.linkage();
        if (!policy.allows(analysis.linkage())) {
            return result(request, path, elf, analysis, findings, Optional.empty(),
                    Optional.of(CheckReport.linkageFailure(analysis)));
        }
        if (policy != LinkagePolicy.BUNDLE || analysis.linkage() != Linkage.DYNAMIC) {
            return result(request, path, elf, analysis, findings, Optional.empty(), Optional.empty());
        }
        LibraryTree tree = Bundling.resolve(path, elf, request.executableImagePath(path), request.sysroot(),
                request.libraryPaths(), request.extraLibraries());
        if (!tree.complete()) {
            return result(request, path, elf, analysis, findings, Optional.of(tree),
                    Optional.of(Bundling.failure(tree, request.sysroot())));
        }
        Bundling.log(tree, log);
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(adviseBundled(tree));
        all.sort(Comparator.comparing(Finding::kind)); // stable: the executable's own finding first
        return result(request, path, elf, analysis, all, Optional.of(tree), Optional.empty());
    }

    /** What the bundled libraries' imports prove: they run in the image as much as the executable does. */
    private static List<Finding> adviseBundled(LibraryTree tree) throws EnvironmentException {
        List<Finding> findings = new ArrayList<>();
        for (BundledFile file : tree.files()) {
            try {
                findings.addAll(RuntimeAdvisor.adviseBundled(file.fileName(), ElfReader.read(file.source())));
            } catch (ElfFormatException e) {
                // the resolver read it as ELF a moment ago; a file that changed since proves nothing
            } catch (IOException e) {
                throw new EnvironmentException("Could not read the bundled library " + file.source() + ": " + e, e);
            }
        }
        return findings;
    }

    /** The essentials decided from every finding, which are settled against the essentials' settings alone. */
    private static CheckResult result(CheckRequest request, Path path, ElfFile elf, BinaryAnalysis analysis,
            List<Finding> findings, Optional<LibraryTree> tree, Optional<String> failure) throws InvalidInputException {
        List<EssentialChoice> essentials = Essentials.decide(request.essentials(), findings);
        return new CheckResult(path, elf, analysis, request.linkage(), findings, essentials, tree, failure,
                Settlement.settle(request, analysis, findings, essentials, List.of(), tree));
    }

    /**
     * Settles the findings against the image's content (none for the {@code check} goal), logs them
     * and applies {@code <failOnWarnings>} to the unmet ones. {@code checked} holds the essentials as
     * they ended.
     */
    static CheckResult settle(CheckResult checked, CheckRequest request, List<Essentials.UserContent> content,
            BuildListener log) {
        List<SettledFinding> settled = Settlement.settle(request, checked.analysis(), checked.findings(),
                checked.essentials(), content, checked.libraries());
        CheckReport.logFindings(settled, checked.essentials(), log);
        Optional<String> refusal = request.failOnWarnings() && settled.stream().anyMatch(SettledFinding::warning)
                ? Optional.of(CheckReport.findingsFailure(checked.analysis(), settled))
                : Optional.empty();
        return checked.withSettled(settled, refusal);
    }

    private static ElfFile read(Path path) throws ScratchException {
        try {
            return ElfReader.read(path);
        } catch (ElfFormatException e) {
            throw new InvalidInputException("The executable " + e.getMessage()
                    + ". Point <executable> (" + PropertyNames.EXECUTABLE + ") at a native Linux program.", e);
        } catch (IOException e) {
            throw new EnvironmentException("Could not read the executable " + path + ": " + e, e);
        }
    }

    private static BinaryAnalysis analyse(ElfFile elf) throws InvalidInputException {
        try {
            return Analyzer.analyze(elf);
        } catch (UnsupportedExecutableException e) {
            throw new InvalidInputException("The executable " + e.getMessage(), e);
        }
    }

    private static List<Finding> advise(Path path, ElfFile elf, BinaryAnalysis analysis) throws EnvironmentException {
        try {
            return RuntimeAdvisor.advise(path, elf, analysis);
        } catch (IOException e) {
            throw new EnvironmentException("Could not read the executable " + path + ": " + e, e);
        }
    }
}
