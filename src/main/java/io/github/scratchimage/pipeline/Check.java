package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.Analyzer;
import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.Hardening;
import io.github.scratchimage.analysis.HardeningRequirement;
import io.github.scratchimage.analysis.HardeningVerdict;
import io.github.scratchimage.analysis.Linkage;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.analysis.RuntimeAdvisor;
import io.github.scratchimage.analysis.SettledFinding;
import io.github.scratchimage.analysis.UnsupportedExecutableException;
import io.github.scratchimage.analysis.golang.GoBinary;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.elf.FileBytes;
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
import io.github.scratchimage.report.HardeningReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The check every goal runs before building anything: locate and map the executable (once),
 * analyse it, ask the advisor what it will look for at run time, decide the essentials, apply the
 * linkage policy, and under {@code linkage=bundle} resolve its libraries. {@link #settle} then
 * settles the findings once the image's content is known and applies the warning gate.
 * A refusal is data ({@link CheckResult#failure()}), so the report can be written before failing.
 */
final class Check {
    private Check() {
    }

    static CheckResult run(CheckRequest request, BuildListener log) throws ScratchException {
        return run(request, map(ExecutableLocator.locate(request.executable())), log);
    }

    /**
     * The executable opened once: its mapping serves the ELF parse, the Go tables and the
     * advisor's scan, and the caller's content hash.
     */
    static FileBytes map(Path executable) throws EnvironmentException {
        try {
            return FileBytes.map(executable);
        } catch (IOException e) {
            throw new EnvironmentException("Could not read the executable " + executable + ": " + e, e);
        }
    }

    /** The check of the executable {@code bytes} maps, as {@link ExecutableLocator} found it. */
    static CheckResult run(CheckRequest request, FileBytes bytes, BuildListener log) throws ScratchException {
        Path path = bytes.path();
        ElfFile elf = read(bytes);
        BinaryAnalysis analysis = analyse(elf);
        log.log(BuildListener.Level.LIFECYCLE, CheckReport.summary(analysis));
        Optional<GoBinary> go = readGo(bytes, elf);
        List<Finding> findings = RuntimeAdvisor.advise(bytes, elf, analysis, go);
        LinkagePolicy policy = request.linkage();
        if (!policy.allows(analysis.linkage())) {
            return result(request, path, analysis, go, findings, Optional.empty(),
                    Optional.of(CheckReport.linkageFailure(analysis)), HardeningReport.none());
        }
        if (policy != LinkagePolicy.BUNDLE || analysis.linkage() != Linkage.DYNAMIC) {
            HardeningReport hardening = judgeHardening(request, path, analysis, Optional.empty(), log);
            return result(request, path, analysis, go, findings, Optional.empty(), hardening.failure(), hardening);
        }
        LibraryTree tree = Bundling.resolve(path, elf, request.executableImagePath(path), request.sysroot(),
                request.libraryPaths(), request.extraLibraries());
        if (!tree.complete()) {
            return result(request, path, analysis, go, findings, Optional.of(tree),
                    Optional.of(Bundling.failure(tree, request.sysroot())), HardeningReport.none());
        }
        Bundling.log(tree, log);
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(adviseBundled(tree));
        all.sort(Comparator.comparing(Finding::kind)); // stable: the executable's own finding first
        HardeningReport hardening = judgeHardening(request, path, analysis, Optional.of(tree), log);
        return result(request, path, analysis, go, all, Optional.of(tree), hardening.failure(), hardening);
    }

    /**
     * {@code <hardening>} judged against every file the loader maps: the executable, and each
     * bundled file (their ELF read from their sources). Unverifiable properties are logged as warnings.
     */
    private static HardeningReport judgeHardening(CheckRequest request, Path path, BinaryAnalysis analysis,
            Optional<LibraryTree> tree, BuildListener log) throws EnvironmentException {
        Set<HardeningRequirement> required = request.hardening();
        if (required.isEmpty()) {
            return HardeningReport.none();
        }
        List<HardeningReport.JudgedFile> files = new ArrayList<>();
        files.add(new HardeningReport.JudgedFile(request.executableImagePath(path), path.toString(), false,
                HardeningVerdict.judge(analysis, required)));
        for (BundledFile file : tree.map(LibraryTree::files).orElse(List.of())) {
            Hardening facts = Analyzer.libraryHardening(readLibrary(file), analysis.libc());
            files.add(new HardeningReport.JudgedFile(file.imagePath(), file.source().toString(), true,
                    HardeningVerdict.judgeLibrary(facts, analysis.libc(), required)));
        }
        HardeningReport report = new HardeningReport(required, files);
        report.warnings().forEach(line -> log.log(BuildListener.Level.WARN, line));
        report.summary().ifPresent(line -> log.log(BuildListener.Level.LIFECYCLE, line));
        return report;
    }

    private static ElfFile readLibrary(BundledFile file) throws EnvironmentException {
        try {
            return ElfReader.read(file.source());
        } catch (ElfFormatException | IOException e) {
            throw new EnvironmentException("Could not read the bundled file " + file.source() + " (for "
                    + file.imagePath() + ") to judge <hardening> (" + PropertyNames.HARDENING + "): " + e.getMessage(), e);
        }
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
    private static CheckResult result(CheckRequest request, Path path, BinaryAnalysis analysis,
            Optional<GoBinary> go, List<Finding> findings, Optional<LibraryTree> tree, Optional<String> failure,
            HardeningReport hardening) throws InvalidInputException {
        List<EssentialChoice> essentials = Essentials.decide(request.essentials(), findings);
        return new CheckResult(path, analysis, request.linkage(), findings, essentials, tree, failure,
                Settlement.settle(request, analysis, findings, essentials, List.of(), tree), hardening, go);
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

    private static ElfFile read(FileBytes bytes) throws ScratchException {
        Path path = bytes.path();
        try {
            return ElfReader.read(bytes);
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

    /** A Go executable's build info and function table, read once for the advisor and the SBOM. */
    private static Optional<GoBinary> readGo(FileBytes bytes, ElfFile elf) throws EnvironmentException {
        try {
            return GoBinary.read(bytes, elf);
        } catch (IOException e) {
            throw new EnvironmentException("Could not read the executable " + bytes.path() + ": " + e, e);
        }
    }
}
