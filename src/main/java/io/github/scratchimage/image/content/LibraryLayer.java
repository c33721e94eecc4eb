package io.github.scratchimage.image.content;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.libraries.BundledFile;
import io.github.scratchimage.libraries.GeneratedFile;
import io.github.scratchimage.libraries.LibraryTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code libraries} layer of {@code linkage=bundle}: the resolved closure and the files it generated. */
public final class LibraryLayer {
    public static final String NAME = "libraries";
    private static final String LIBRARY_MODE = "755";
    private static final String GENERATED_MODE = "644";

    private LibraryLayer() {
    }

    /** Generated files (e.g. nsswitch.conf) are written under {@code stagingDirectory} first. */
    public static LayerSpec of(LibraryTree tree, Path stagingDirectory) throws IOException {
        List<LayerFile> files = new ArrayList<>();
        for (BundledFile file : tree.files()) {
            files.add(new LayerFile(file.source(), file.imagePath(), LIBRARY_MODE));
        }
        for (GeneratedFile file : tree.generatedFiles()) {
            Path staged = stagingDirectory.resolve(file.imagePath().substring(1));
            Files.createDirectories(staged.getParent());
            Files.writeString(staged, file.content(), StandardCharsets.UTF_8);
            files.add(new LayerFile(staged, file.imagePath(), GENERATED_MODE));
        }
        return new LayerSpec(NAME, files);
    }
}
