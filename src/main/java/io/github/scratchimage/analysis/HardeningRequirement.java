package io.github.scratchimage.analysis;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A hardening property a build can require of its executable, by the word the configuration uses. */
public enum HardeningRequirement {
    PIE("pie"),
    NX("nx"),
    RELRO("relro"),
    FULL_RELRO("full-relro"),
    CANARY("canary"),
    FORTIFY("fortify");

    private final String word;

    HardeningRequirement(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /**
     * The requirements of a comma-separated list such as {@code "pie,nx,full-relro"}: spaces
     * around words and letter case do not matter, a blank list requires nothing.
     *
     * @throws IllegalArgumentException naming the unknown or empty word and the valid ones
     */
    public static Set<HardeningRequirement> parseList(String list) {
        EnumSet<HardeningRequirement> requirements = EnumSet.noneOf(HardeningRequirement.class);
        if (list == null || list.isBlank()) {
            return Collections.unmodifiableSet(requirements);
        }
        for (String item : list.split(",", -1)) {
            String word = item.strip().toLowerCase(Locale.ROOT);
            requirements.add(Arrays.stream(values()).filter(r -> r.word.equals(word)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException((word.isEmpty() ? "an empty entry"
                            : "unknown hardening requirement \"" + item.strip() + "\"") + " in \"" + list
                            + "\"; the valid ones are " + validWords() + ", separated by commas")));
        }
        return Collections.unmodifiableSet(requirements);
    }

    static String validWords() {
        return Arrays.stream(values()).map(HardeningRequirement::word).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return word;
    }
}
