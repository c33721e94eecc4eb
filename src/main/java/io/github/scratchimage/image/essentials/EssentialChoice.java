package io.github.scratchimage.image.essentials;

import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.failure.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One runtime essential's decision: {@code true}, {@code false}, or {@code auto} (on when the
 * advisor found that the executable will look for it), with the reason, for the log and reports.
 * An {@code auto} essential steps aside when the user's own content brings its files.
 */
public record EssentialChoice(Essential essential, boolean included, boolean auto, String reason) {

    /** The essentials, by their POM parameter and the advisor findings that switch {@code auto} on. */
    public enum Essential {
        CA_CERTIFICATES("caCertificates", Finding.Kind.CA_CERTIFICATES),
        TIMEZONES("timezones", Finding.Kind.TIMEZONES),
        USERS("users", Finding.Kind.USERS, Finding.Kind.GLIBC_NSS),
        TMP("tmp", Finding.Kind.TMP);

        private final String parameter;
        private final List<Finding.Kind> evidence;

        Essential(String parameter, Finding.Kind... evidence) {
            this.parameter = parameter;
            this.evidence = List.of(evidence);
        }
    }

    public String parameter() {
        return essential.parameter;
    }

    /** This choice once the user's content brought the essential's files: left out, and why. */
    public EssentialChoice steppedAside(String provided) {
        return new EssentialChoice(essential, false, auto,
                provided + ", so the image uses that instead (" + reason + ")");
    }

    /** The users essential under auto, on because {@code <container><user>} names one of its accounts. */
    public EssentialChoice forImageUser(String user) {
        return new EssentialChoice(essential, true, true, "auto: <container><user> is " + user
                + ", which the image's /etc/passwd must define");
    }

    /** An auto essential turned on by what the user's content says ("<extraDirectories> file /x names /tmp/y"). */
    public EssentialChoice turnedOnBy(String evidence) {
        return new EssentialChoice(essential, true, true, "auto: " + evidence);
    }

    public static EssentialChoice decide(Essential essential, String value, List<Finding> findings)
            throws InvalidInputException {
        String parameter = essential.parameter;
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "true":
                return new EssentialChoice(essential, true, false, "<" + parameter + "> is true");
            case "false":
                return new EssentialChoice(essential, false, false, "<" + parameter + "> is false");
            case "auto":
                Optional<Finding> evidence = findings.stream()
                        .filter(f -> essential.evidence.contains(f.kind()) && f.builtIn().isEmpty()).findFirst();
                return evidence
                        .map(f -> new EssentialChoice(essential, true, true, "auto: the executable " + f.what()))
                        .orElseGet(() -> new EssentialChoice(essential, false, true,
                                "auto: nothing in the executable asks for it"));
            default:
                throw new InvalidInputException("<" + parameter + "> is '" + value + "'; it must be auto, true or false");
        }
    }
}
