package io.github.scratchimage.analysis;

import java.util.Objects;

/**
 * A required hardening property the executable lacks, or whose presence its file cannot show.
 *
 * @param requirement what was required
 * @param reason what the file shows, as evidence
 * @param flags the compiler or linker flags that add the property
 */
public record HardeningGap(HardeningRequirement requirement, String reason, String flags) {

    public HardeningGap {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(flags, "flags");
    }
}
