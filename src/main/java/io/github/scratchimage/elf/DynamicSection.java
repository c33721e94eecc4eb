package io.github.scratchimage.elf;

import java.util.List;
import java.util.Optional;

/**
 * What the {@code PT_DYNAMIC} segment says, with strings already resolved through
 * {@code DT_STRTAB}. RPATH and RUNPATH keep their colon-separated entries in order.
 */
public record DynamicSection(
        List<String> needed,
        List<String> rpath,
        List<String> runpath,
        Optional<String> soname,
        long flags,
        long flags1,
        List<VersionNeed> versionNeeds,
        List<String> versionDefinitions,
        List<DynamicSymbol> symbols) {

    public static final long DF_BIND_NOW = 0x8;
    public static final long DF_1_NOW = 0x1;
    public static final long DF_1_PIE = 0x08000000L;

    public DynamicSection {
        needed = List.copyOf(needed);
        rpath = List.copyOf(rpath);
        runpath = List.copyOf(runpath);
        versionNeeds = List.copyOf(versionNeeds);
        versionDefinitions = List.copyOf(versionDefinitions);
        symbols = List.copyOf(symbols);
    }

    public boolean bindNow() {
        return (flags & DF_BIND_NOW) != 0 || (flags1 & DF_1_NOW) != 0;
    }

    public boolean pie() {
        return (flags1 & DF_1_PIE) != 0;
    }
}
