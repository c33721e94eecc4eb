package io.github.scratchimage.analysis;

/** The checksec-style properties of an executable, reported for information, never enforced. */
public record Hardening(boolean pie, boolean nonExecutableStack, Relro relro) {
}
