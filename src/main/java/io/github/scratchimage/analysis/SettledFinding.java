package io.github.scratchimage.analysis;

import java.util.Objects;

/**
 * A finding once the image's content is known: met by something in the image (an essential, the
 * user's file at the path it needs, a bundled library, the program itself), acknowledged by the
 * user ({@code <acknowledge>}), or not met. Only an unmet one is a warning.
 *
 * @param how what meets it, or how it was acknowledged; empty when it is not met
 */
public record SettledFinding(Finding finding, Status status, String how) {

    public SettledFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(how, "how");
    }

    public enum Status { SATISFIED, ACKNOWLEDGED, UNSATISFIED }

    public static SettledFinding satisfied(Finding finding, String by) {
        return new SettledFinding(finding, Status.SATISFIED, by);
    }

    public static SettledFinding unsatisfied(Finding finding) {
        return new SettledFinding(finding, Status.UNSATISFIED, "");
    }

    public boolean warning() {
        return status == Status.UNSATISFIED;
    }
}
