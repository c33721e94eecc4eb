package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.analysis.SettledFinding;
import io.github.scratchimage.analysis.golang.GoBinary;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.essentials.EssentialChoice;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.report.CheckReport;
import io.github.scratchimage.report.HardeningReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the check found: the executable and its analysis, the advisor's findings, the essentials
 * decided from them (as they ended, once an image goal has seen the user's content), the findings
 * settled against them (and the content), for {@code linkage=bundle} the library closure, the
 * {@code <hardening>} verdict of every loaded file, for a Go executable its build info and
 * function table (read once, for the advisor and the SBOM), and, when the executable may not
 * ship, why.
 * {@code scratch-check.json} is derived from this record alone.
 */
public record CheckResult(
        Path executable,
        BinaryAnalysis analysis,
        LinkagePolicy policy,
        List<Finding> findings,
        List<EssentialChoice> essentials,
        Optional<LibraryTree> libraries,
        Optional<String> failure,
        List<SettledFinding> settled,
        HardeningReport hardening,
        Optional<GoBinary> go) {

    public CheckResult {
        findings = List.copyOf(findings);
        essentials = List.copyOf(essentials);
        settled = List.copyOf(settled);
        Objects.requireNonNull(hardening, "hardening");
        Objects.requireNonNull(go, "go");
    }

    /** The policy allows the linkage and, under {@code linkage=bundle}, the closure is complete. */
    public boolean linkagePassed() {
        return policy.allows(analysis.linkage()) && libraries.map(LibraryTree::complete).orElse(true);
    }

    /** {@code scratch-check.json}'s content. */
    public Map<String, Object> report() {
        Map<String, Object> report = CheckReport.json(analysis, policy, linkagePassed() && hardening.passes(), settled,
                essentials, libraries);
        report.put("hardeningVerdict", hardening.json());
        return report;
    }

    public CheckResult withEssentials(List<EssentialChoice> ended) {
        return new CheckResult(executable, analysis, policy, findings, ended, libraries, failure, settled,
                hardening, go);
    }

    /** This result for the whole image: the closure of every ELF file in it. */
    public CheckResult withLibraries(Optional<LibraryTree> tree) {
        return new CheckResult(executable, analysis, policy, findings, essentials, tree, failure, settled,
                hardening, go);
    }

    /** This result with {@code <hardening>} judged against every file the image's loader maps. */
    public CheckResult withHardening(HardeningReport judged) {
        return new CheckResult(executable, analysis, policy, findings, essentials, libraries,
                judged.failure().or(() -> failure), settled, judged, go);
    }

    /** This result with the evidence of the image's content added to the executable's. */
    public CheckResult withFindings(List<Finding> all) {
        return new CheckResult(executable, analysis, policy, all, essentials, libraries, failure, settled,
                hardening, go);
    }

    /** This result with the findings settled against the image's content, and the gate's refusal if any. */
    public CheckResult withSettled(List<SettledFinding> settledFindings, Optional<String> refusal) {
        return new CheckResult(executable, analysis, policy, findings, essentials, libraries,
                failure.or(() -> refusal), settledFindings, hardening, go);
    }

    public void requirePassed() throws InvalidInputException {
        if (failure.isPresent()) {
            throw new InvalidInputException(failure.get());
        }
    }
}
