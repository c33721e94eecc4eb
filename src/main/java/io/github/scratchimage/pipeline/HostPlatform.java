package io.github.scratchimage.pipeline;

import java.util.Locale;

/** The platform of the machine the build runs on, as an index spells it: which image a local engine here runs. */
final class HostPlatform {
    private HostPlatform() {
    }

    /** {@code linux/amd64}; {@code os.arch} as the JDK names it, mapped to Go's names, which OCI uses. */
    static String current() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String oci = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            default -> arch.startsWith("arm") ? "arm/v7" : arch;
        };
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT) + "/" + oci;
    }
}
