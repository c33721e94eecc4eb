package io.github.scratchimage.analysis;

import java.util.List;
import java.util.Optional;

/** Everything the plugin concludes from an executable's ELF headers, before anything is built. */
public record BinaryAnalysis(
        String file,
        long size,
        String elfClass,
        String byteOrder,
        String machine,
        Platform platform,
        Linkage linkage,
        Optional<String> interpreter,
        List<String> needed,
        List<String> rpath,
        List<String> runpath,
        Libc libc,
        Optional<String> minimumGlibc,
        DebugInfo debugInfo,
        boolean go,
        Optional<String> buildId,
        Hardening hardening) {

    public BinaryAnalysis {
        needed = List.copyOf(needed);
        rpath = List.copyOf(rpath);
        runpath = List.copyOf(runpath);
    }
}
