package io.github.scratchimage.libraries;

import io.github.scratchimage.analysis.GlibcVersion;
import io.github.scratchimage.elf.DynamicSection;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfHeader;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The glibc release of a sysroot: that of the {@code libc.so.6} in its default directories for the
 * program's architecture. A static glibc executable carries no version of its own; it was linked
 * against the sysroot's {@code libc.a}, which comes with that {@code libc.so.6}.
 */
public final class SysrootGlibc {
    static final String LIBC = "libc.so.6";

    private SysrootGlibc() {
    }

    /** Empty when the sysroot has no readable libc.so.6 for {@code program}'s architecture. */
    public static Optional<GlibcVersion> release(Path sysroot, ElfHeader program) throws IOException {
        Sysroot root = new Sysroot(sysroot);
        for (String directory : Architecture.of(program).glibcDefaultDirectories()) {
            Optional<Path> libc = root.resolve(directory + "/" + LIBC);
            if (libc.isPresent() && Files.isRegularFile(libc.get())) {
                try {
                    ElfFile elf = ElfReader.read(libc.get());
                    if (elf.header().machine() == program.machine()) {
                        return GlibcVersion.newest(versionDefinitions(elf));
                    }
                } catch (ElfFormatException e) {
                    // not a library (a linker script, a broken file): the next directory may hold it
                }
            }
        }
        return Optional.empty();
    }

    /** The release of a libc.so.6 already read (the one {@code linkage=bundle} ships). */
    public static Optional<GlibcVersion> release(ElfFile libc) {
        return GlibcVersion.newest(versionDefinitions(libc));
    }

    private static List<String> versionDefinitions(ElfFile elf) {
        return elf.dynamic().map(DynamicSection::versionDefinitions).orElse(List.of());
    }
}
