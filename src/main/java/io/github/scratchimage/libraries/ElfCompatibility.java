package io.github.scratchimage.libraries;

import io.github.scratchimage.elf.ElfHeader;
import java.nio.ByteOrder;
import java.util.Optional;

/** ld.so's check in {@code open_verify}: a library of another class, byte order or machine is passed over. */
final class ElfCompatibility {
    private ElfCompatibility() {
    }

    static Optional<String> mismatch(ElfHeader program, ElfHeader candidate) {
        if (candidate.elfClass() != program.elfClass()) {
            return Optional.of("wrong ELF class: " + candidate.elfClass() + ", the program is " + program.elfClass());
        }
        if (!candidate.byteOrder().equals(program.byteOrder())) {
            return Optional.of("wrong byte order: " + order(candidate.byteOrder()) + ", the program is "
                    + order(program.byteOrder()));
        }
        if (candidate.machine() != program.machine()) {
            return Optional.of("wrong architecture: e_machine " + candidate.machine() + ", the program's is "
                    + program.machine());
        }
        return Optional.empty();
    }

    private static String order(ByteOrder order) {
        return order == ByteOrder.LITTLE_ENDIAN ? "little endian" : "big endian";
    }
}
