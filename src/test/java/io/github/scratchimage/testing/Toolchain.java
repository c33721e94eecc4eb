package io.github.scratchimage.testing;

import java.util.List;

/** How a test executable is compiled, and which Debian package provides the compiler. */
public enum Toolchain {
    GCC_STATIC("gcc", "gcc", "-static"),
    GCC_STATIC_PIE("gcc", "gcc", "-static-pie"),
    GCC_DYNAMIC_PIE("gcc", "gcc", "-pie", "-fPIE"),
    GCC_NO_PIE("gcc", "gcc", "-no-pie", "-fno-PIE"),
    MUSL_STATIC("musl-gcc", "musl-tools", "-static"),
    MUSL_DYNAMIC("musl-gcc", "musl-tools"),
    AARCH64_STATIC("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu libc6-dev-arm64-cross", "-static"),
    AARCH64_DYNAMIC("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu libc6-dev-arm64-cross"),
    ARMHF_STATIC("arm-linux-gnueabihf-gcc", "gcc-arm-linux-gnueabihf libc6-dev-armhf-cross", "-static"),
    S390X_STATIC("s390x-linux-gnu-gcc", "gcc-s390x-linux-gnu libc6-dev-s390x-cross", "-static");

    private final String compiler;
    private final String debianPackages;
    private final List<String> flags;

    Toolchain(String compiler, String debianPackages, String... flags) {
        this.compiler = compiler;
        this.debianPackages = debianPackages;
        this.flags = List.of(flags);
    }

    public String compiler() {
        return compiler;
    }

    public String debianPackages() {
        return debianPackages;
    }

    public List<String> flags() {
        return flags;
    }
}
