package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.Analyzer;
import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.GlibcVersion;
import io.github.scratchimage.analysis.Hardening;
import io.github.scratchimage.analysis.HardeningRequirement;
import io.github.scratchimage.analysis.HardeningVerdict;
import io.github.scratchimage.analysis.Libc;
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
import io.github.scratchimage.libraries.SysrootGlibc;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.report.CheckReport;
import io.github.scratchimage.report.HardeningReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
        LinkagePolicy policy = request.linkage();
        // resolved before the advice, whose NSS advice depends on the glibc the bundle ships
        Optional<LibraryTree> tree = policy.allows(analysis.linkage()) && policy == LinkagePolicy.BUNDLE
                && analysis.linkage() == Linkage.DYNAMIC
                ? Optional.of(Bundling.resolve(path, elf, request.executableImagePath(path), request.sysroot(),
                        request.libraryPaths(), request.extraLibraries()))
                : Optional.empty();
        List<Finding> findings = RuntimeAdvisor.advise(bytes, elf, analysis, go, glibc(request, elf, analysis, tree));
        if (!policy.allows(analysis.linkage())) {
            return result(request, path, analysis, go, findings, Optional.empty(),
                    Optional.of(CheckReport.linkageFailure(analysis)), HardeningReport.none());
        }
        if (tree.isEmpty()) {
            HardeningReport hardening = judgeHardening(request, path, analysis, Optional.empty(), log);
            return result(request, path, analysis, go, findings, Optional.empty(), hardening.failure(), hardening);
        }
        if (!tree.get().complete()) {
            return result(request, path, analysis, go, findings, tree,
                    Optional.of(Bundling.failure(tree.get(), request.sysroot())), HardeningReport.none());
        }
        Bundling.log(tree.get(), log);
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(adviseBundled(tree.get()));
        all.sort(Comparator.comparing(Finding::kind)); // stable: the executable's own finding first
        HardeningReport hardening = judgeHardening(request, path, analysis, tree, log);
        return result(request, path, analysis, go, all, tree, hardening.failure(), hardening);
    }

    /**
     * The glibc release the program runs with, when it can be known: the libc.so.6 that
     * {@code linkage=bundle} ships; for a static executable, the sysroot's, whose libc.a it was
     * linked with; else the newest version the executable needs from libc.so.6, which is a lower
     * bound only: it tells a 2.34+ glibc, but not an older one.
     */
    private static Optional<GlibcVersion> glibc(CheckRequest request, ElfFile elf, BinaryAnalysis analysis,
            Optional<LibraryTree> tree) throws EnvironmentException {
        if (analysis.libc() != Libc.GLIBC) {
            return Optional.empty();
        }
        Optional<BundledFile> bundledLibc = tree.flatMap(t -> t.files().stream()
                .filter(f -> f.fileName().equals("libc.so.6")).findFirst());
        try {
            if (bundledLibc.isPresent()) {
                return SysrootGlibc.release(ElfReader.read(bundledLibc.get().source()));
            }
            if (analysis.linkage().startsFromScratch()) {
                return SysrootGlibc.release(request.sysroot(), elf.header());
            }
        } catch (ElfFormatException e) {
            return Optional.empty(); // the resolver read it as ELF a moment ago; one that changed since proves nothing
        } catch (IOException e) {
            throw new EnvironmentException("Could not read the glibc of sysroot " + request.sysroot() + ": "
                    + e.getMessage(), e);
        }
        return analysis.minimumGlibc().flatMap(v -> GlibcVersion.newest(List.of("GLIBC_" + v)))
                .filter(GlibcVersion::nssBuiltIn);
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

    /**
     * {@code <hardening>} judged against files the loader maps that the check did not see (the
     * libraries bundled for the user's ELF files, and those files), added to its verdict. Only the
     * new files' unverifiable properties are logged: the check logged the others.
     */
    static HardeningReport judgeAlso(CheckRequest request, CheckResult checked, List<BundledFile> files,
            Map<String, String> origins, BuildListener log) throws EnvironmentException {
        Set<HardeningRequirement> required = request.hardening();
        if (required.isEmpty() || files.isEmpty()) {
            return checked.hardening();
        }
        List<HardeningReport.JudgedFile> judged = new ArrayList<>();
        for (BundledFile file : files) {
            Hardening facts = Analyzer.libraryHardening(readLibrary(file), checked.analysis().libc());
            String source = origins.containsKey(file.imagePath()) ? origins.get(file.imagePath()) : file.source().toString();
            judged.add(new HardeningReport.JudgedFile(file.imagePath(), source, true,
                    HardeningVerdict.judgeLibrary(facts, checked.analysis().libc(), required)));
        }
        new HardeningReport(required, judged).warnings().forEach(line -> log.log(BuildListener.Level.WARN, line));
        List<HardeningReport.JudgedFile> all = new ArrayList<>(checked.hardening().files());
        all.addAll(judged);
        return new HardeningReport(required, all);
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
     * Settles the findings, and those of the directories its configuration names
     * ({@link ConfiguredDirectories}), against the image's content (none for the {@code check} goal), logs them
     * and applies {@code <failOnWarnings>} to the unmet ones. {@code checked} holds the essentials as
     * they ended.
     */
    static CheckResult settle(CheckResult checked, CheckRequest request, List<Essentials.UserContent> content,
            BuildListener log) throws EnvironmentException {
        List<Finding> findings = new ArrayList<>(checked.findings());
        findings.addAll(ConfiguredDirectories.findings(request, content, checked.essentials(), checked.libraries()));
        List<SettledFinding> settled = Settlement.settle(request, checked.analysis(), findings,
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
