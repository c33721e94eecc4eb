package io.github.scratchimage.libraries;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfReader;
import java.io.IOException;

/**
 * Resolves, lddtree-style and without running anything, the files a program needs in a
 * {@code FROM scratch} image: the interpreter from {@code PT_INTERP}, then the {@code DT_NEEDED}
 * closure breadth first, each name searched as the program's loader searches it (glibc's ld.so
 * or musl's), inside the request's sysroot, plus what glibc dlopens behind the program's back.
 * See {@code docs/bundling.md} for where this differs from lddtree and ld.so.
 */
public final class LibraryResolver {
    private LibraryResolver() {
    }

    /**
     * @throws IOException         when a file that exists cannot be read
     * @throws ElfFormatException  when the executable itself is not ELF; a library that is not
     *                             ELF is a {@link SkippedCandidate} in the result
     */
    public static LibraryTree resolve(ResolveRequest request) throws IOException, ElfFormatException {
        return resolve(request, ElfReader.read(request.executable()));
    }

    /** For a caller that has read the executable already: it is not read again. */
    public static LibraryTree resolve(ResolveRequest request, ElfFile program) throws IOException {
        return new Resolution(request, program).run();
    }
}
