package io.github.scratchimage.libraries;

import io.github.scratchimage.elf.ElfClass;
import io.github.scratchimage.elf.ElfHeader;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What the loader of one architecture searches by default and what its dynamic string tokens
 * expand to. Unknown machines still resolve, through the generic directories only.
 *
 * @param triplet    the Debian multiarch triplet ({@code x86_64-linux-gnu}), or empty
 * @param platform   the value of {@code $PLATFORM} (the kernel's {@code AT_PLATFORM})
 * @param lib64      whether upstream glibc installs this architecture's libraries in {@code /lib64}
 */
record Architecture(String triplet, String platform, boolean lib64) {
    private static final int EM_386 = 3, EM_PPC64 = 21, EM_S390 = 22, EM_ARM = 40, EM_X86_64 = 62,
            EM_AARCH64 = 183, EM_RISCV = 243;

    static Architecture of(ElfHeader h) {
        boolean is64 = h.elfClass() == ElfClass.ELF64;
        boolean little = h.byteOrder() == ByteOrder.LITTLE_ENDIAN;
        return switch (h.machine()) {
            case EM_X86_64 -> is64 ? new Architecture("x86_64-linux-gnu", "x86_64", true)
                    : new Architecture("x86_64-linux-gnux32", "x86_64", false);
            case EM_AARCH64 -> new Architecture("aarch64-linux-gnu", "aarch64", true);
            case EM_ARM -> new Architecture("arm-linux-gnueabihf", "v7l", false);
            case EM_386 -> new Architecture("i386-linux-gnu", "i686", false);
            case EM_RISCV -> new Architecture("riscv64-linux-gnu", "", true);
            case EM_PPC64 -> new Architecture(little ? "powerpc64le-linux-gnu" : "powerpc64-linux-gnu",
                    little ? "power8" : "power", true);
            case EM_S390 -> new Architecture("s390x-linux-gnu", "s390x", true);
            default -> new Architecture("", "", is64);
        };
    }

    /**
     * glibc's default directories, as Debian builds them (multiarch first), then upstream's
     * {@code /lib64} for 64-bit architectures (Fedora-style sysroots), then {@code /lib}.
     */
    List<String> glibcDefaultDirectories() {
        List<String> dirs = new ArrayList<>();
        if (!triplet.isEmpty()) {
            dirs.add("/lib/" + triplet);
            dirs.add("/usr/lib/" + triplet);
        }
        if (lib64) {
            dirs.add("/lib64");
            dirs.add("/usr/lib64");
        }
        dirs.add("/lib");
        dirs.add("/usr/lib");
        return dirs;
    }

    /** {@code $LIB}: Debian's ld.so expands it to the multiarch directory. */
    String libToken() {
        return triplet.isEmpty() ? (lib64 ? "lib64" : "lib") : "lib/" + triplet;
    }
}
