package io.github.scratchimage.maven;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.libraries.LibraryTree;
import java.util.Optional;

/** What the check proved: the analysis, and for {@code linkage=bundle} the library closure to ship. */
record CheckedExecutable(BinaryAnalysis analysis, Optional<LibraryTree> libraries) {
}
