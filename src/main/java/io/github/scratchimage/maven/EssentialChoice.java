package io.github.scratchimage.maven;

import io.github.scratchimage.analysis.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;

/**
 * One runtime essential's decision: {@code true}, {@code false}, or {@code auto} (on when the
 * advisor found that the executable will look for it), with the reason, for the log and reports.
 */
record EssentialChoice(String parameter, boolean included, String reason) {

    static EssentialChoice decide(String parameter, String value, List<Finding> findings, List<Finding.Kind> kinds)
            throws MojoFailureException {
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "true":
                return new EssentialChoice(parameter, true, "<" + parameter + "> is true");
            case "false":
                return new EssentialChoice(parameter, false, "<" + parameter + "> is false");
            case "auto":
                Optional<Finding> evidence = findings.stream().filter(f -> kinds.contains(f.kind())).findFirst();
                return evidence
                        .map(f -> new EssentialChoice(parameter, true, "auto: the executable " + f.what()))
                        .orElseGet(() -> new EssentialChoice(parameter, false,
                                "auto: nothing in the executable asks for it"));
            default:
                throw new MojoFailureException("<" + parameter + "> is '" + value + "'; it must be auto, true or false");
        }
    }
}
