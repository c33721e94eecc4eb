package io.github.scratchimage.libraries;

/**
 * A file with the right name that the search passed over, as ld.so passes over it: another
 * architecture, not ELF, a symlink loop, not a regular file.
 *
 * @param name   the name searched for
 * @param path   the candidate's path inside the sysroot
 * @param reason why it was skipped
 */
public record SkippedCandidate(String name, String path, String reason) {
}
