package io.github.scratchimage.libraries;

import java.util.List;

/**
 * A library the loader would not find: the program would stop with "cannot open shared object file".
 *
 * @param name     the name as needed ({@code DT_NEEDED}, the interpreter path or an extra library)
 * @param neededBy image paths of the objects that need it
 * @param searched the directories searched, in order, as paths inside the sysroot
 */
public record UnresolvedLibrary(String name, List<String> neededBy, List<String> searched) {
    public UnresolvedLibrary {
        neededBy = List.copyOf(neededBy);
        searched = List.copyOf(searched);
    }
}
