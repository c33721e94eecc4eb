package io.github.scratchimage.analysis;



/**
 * Whether a hardening property that is seen only in an executable's imports is there. {@link #UNKNOWN}
 * when the imports cannot tell, which is said rather than guessed.
 */
public enum Detection {
    PRESENT, ABSENT, UNKNOWN
}
