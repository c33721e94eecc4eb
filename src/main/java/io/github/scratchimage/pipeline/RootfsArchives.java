package io.github.scratchimage.pipeline;

import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.content.RootfsArchive;
import io.github.scratchimage.image.content.UnsafeArchiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/** {@code <rootfsArchives>}: an unsafe archive is the user's to fix, an unreadable one the build's. */
public final class RootfsArchives {
    private RootfsArchives() {
    }

    public static LayerSpec layer(Path archive, Path stagingRoot, Set<String> reserved, boolean allowSetuid)
            throws MojoExecutionException, MojoFailureException {
        if (!Files.isRegularFile(archive)) {
            throw new MojoFailureException("<rootfsArchives> entry " + archive + " is not a file: fix the path");
        }
        try {
            return RootfsArchive.read(archive, stagingRoot.resolve(archive.getFileName().toString()), reserved,
                    allowSetuid);
        } catch (UnsafeArchiveException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read " + archive + ": " + e.getMessage(), e);
        }
    }
}
