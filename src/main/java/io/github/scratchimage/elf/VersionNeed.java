package io.github.scratchimage.elf;

import java.util.List;

/** One {@code Elf_Verneed} entry: the versions this object needs from {@code file} (a DT_NEEDED name). */
public record VersionNeed(String file, List<String> versions) {
    public VersionNeed {
        versions = List.copyOf(versions);
    }
}
