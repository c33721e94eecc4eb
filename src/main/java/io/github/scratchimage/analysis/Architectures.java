package io.github.scratchimage.analysis;

import io.github.scratchimage.elf.ElfClass;
import io.github.scratchimage.elf.ElfHeader;
import java.nio.ByteOrder;
import java.util.Map;

/** Maps {@code e_machine} + class + byte order to the OCI platform, never to the build host's. */
final class Architectures {
    static final int EM_386 = 3;
    static final int EM_PPC64 = 21;
    static final int EM_S390 = 22;
    static final int EM_ARM = 40;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final int EM_RISCV = 243;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EM_386, "Intel 80386"), Map.entry(8, "MIPS"), Map.entry(20, "PowerPC"),
            Map.entry(EM_PPC64, "PowerPC64"), Map.entry(EM_S390, "IBM S/390"), Map.entry(EM_ARM, "ARM"),
            Map.entry(42, "SuperH"), Map.entry(EM_X86_64, "x86-64"), Map.entry(EM_AARCH64, "AArch64"),
            Map.entry(EM_RISCV, "RISC-V"), Map.entry(258, "LoongArch"), Map.entry(2, "SPARC"),
            Map.entry(43, "SPARC v9"));

    private Architectures() {
    }

    static String machineName(int machine) {
        return NAMES.getOrDefault(machine, "e_machine " + machine);
    }

    static Platform platform(String file, ElfHeader h) throws UnsupportedExecutableException {
        boolean is64 = h.elfClass() == ElfClass.ELF64;
        boolean little = h.byteOrder() == ByteOrder.LITTLE_ENDIAN;
        int m = h.machine();
        if (m == EM_X86_64 && is64 && little) {
            return Platform.linux("amd64");
        } else if (m == EM_AARCH64 && is64 && little) {
            return Platform.linux("arm64");
        } else if (m == EM_ARM && !is64 && little) {
            return Platform.linux("arm", "v7");
        } else if (m == EM_386 && !is64 && little) {
            return Platform.linux("386");
        } else if (m == EM_RISCV && is64 && little) {
            return Platform.linux("riscv64");
        } else if (m == EM_PPC64 && is64 && little) {
            return Platform.linux("ppc64le");
        } else if (m == EM_S390 && is64 && !little) {
            return Platform.linux("s390x");
        }
        String what = machineName(m) + ", " + h.elfClass().bits() + "-bit, " + (little ? "little" : "big") + " endian";
        throw new UnsupportedExecutableException(file, "is built for " + what + ", which has no OCI platform this plugin"
                + " supports", "build it for one of linux/amd64, linux/arm64, linux/arm/v7, linux/386, linux/riscv64,"
                + " linux/ppc64le, linux/s390x");
    }
}
