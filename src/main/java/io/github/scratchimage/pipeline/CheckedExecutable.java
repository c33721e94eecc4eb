package io.github.scratchimage.pipeline;

import io.github.scratchimage.image.essentials.EssentialChoice;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.libraries.LibraryTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the check proved: the analysis, the advisor's findings, the essentials decided from them,
 * for {@code linkage=bundle} the library closure to ship, and the {@code scratch-check.json} it
 * wrote ({@code report}, which an image goal writes again when an essential steps aside).
 */
public record CheckedExecutable(BinaryAnalysis analysis, List<Finding> findings, List<EssentialChoice> essentials,
        Optional<LibraryTree> libraries, Map<String, Object> report) {
}
