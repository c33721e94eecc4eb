package io.github.scratchimage.maven;

import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.pipeline.CheckRequest;
import io.github.scratchimage.pipeline.ImageRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * What the plugin's earlier goals did in this build of this project, kept in the project's
 * context (which lives as long as the build): a project that binds {@code buildTar} and
 * {@code dockerBuild} reads the check once, and learns which image the shared output files
 * describe. A project's goals run one after the other, even under {@code -T}; the lock is for
 * safety, not for speed.
 */
final class BuildMemory {
    private static final String CHECKS = BuildMemory.class.getName() + ".checks";
    private static final String OUTPUTS = BuildMemory.class.getName() + ".outputs";
    private static final String WARNED = BuildMemory.class.getName() + ".warned";

    /** What an image goal left in {@code scratch-image.json}. */
    record Written(String goal, String digest, String description, String verb) {
    }

    private BuildMemory() {
    }

    /** True the first time this build of the project is to give {@code warning}: a shared configuration warns once. */
    static boolean firstWarning(MavenProject project, String warning) {
        synchronized (project) {
            @SuppressWarnings("unchecked")
            Set<String> warned = (Set<String>) project.getContextValue(WARNED);
            if (warned == null) {
                warned = new LinkedHashSet<>();
                project.setContextValue(WARNED, warned);
            }
            return warned.add(warning);
        }
    }

    /** True when an earlier goal of this build has logged the check of the same request. */
    static boolean checkLogged(MavenProject project, CheckRequest request) {
        synchronized (project) {
            @SuppressWarnings("unchecked")
            Set<CheckRequest> checks = (Set<CheckRequest>) project.getContextValue(CHECKS);
            if (checks == null) {
                checks = new LinkedHashSet<>();
                project.setContextValue(CHECKS, checks);
            }
            return !checks.add(request);
        }
    }

    /**
     * Remembers that {@code goal} wrote the image files, and says so when an earlier goal of this
     * build had written another image's to the same place: the files describe the last goal's.
     */
    static void imageWritten(MavenProject project, String goal, ImageRequest request, String digest,
            ImageFormat format, Log log) {
        Path json = request.outputs().imageJson().toAbsolutePath();
        Written now = new Written(goal, digest, (format == ImageFormat.DOCKER ? "Docker" : "OCI") + "-format",
                verb(request));
        Written before;
        synchronized (project) {
            @SuppressWarnings("unchecked")
            Map<Path, Written> outputs = (Map<Path, Written>) project.getContextValue(OUTPUTS);
            if (outputs == null) {
                outputs = new LinkedHashMap<>();
                project.setContextValue(OUTPUTS, outputs);
            }
            before = outputs.put(json, now);
        }
        if (before != null && !before.goal().equals(goal)) {
            log.info(json.getFileName() + ", scratch-image.digest and .id now describe the " + now.description()
                    + " image " + goal + " " + now.verb() + " (" + now.digest() + "), not the " + before.description()
                    + " one " + before.goal() + " " + before.verb() + (before.digest().equals(now.digest())
                    ? ", which is the same image" : " (" + before.digest() + ")")
                    + ". Give each execution its own <outputPaths> to keep both.");
        }
    }

    private static String verb(ImageRequest request) {
        if (request.target() instanceof TarTarget) {
            return "wrote";
        }
        return request.target() instanceof DockerClientTarget ? "loaded" : "pushed";
    }
}
