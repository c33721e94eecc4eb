package io.github.scratchimage.libraries;

import java.io.IOException;
import java.util.List;

/** How one loader (glibc's ld.so, musl's) searches for a library without a slash in its name. */
interface SearchOrder {

    /** The directories searched, in order, for a library that {@code needer} needs. */
    List<SearchDirectory> directories(LoadedObject needer) throws IOException;

    /** True when the loader answers for {@code name} itself, without a search (musl: libc, libm, ...). */
    boolean answeredByInterpreter(String name);

    /** Whether this loader checks {@code DT_VERNEED} against {@code DT_VERDEF} (musl does not). */
    boolean checksVersions();
}
