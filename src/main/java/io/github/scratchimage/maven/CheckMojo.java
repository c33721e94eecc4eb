package io.github.scratchimage.maven;

import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.pipeline.CheckRequest;
import io.github.scratchimage.pipeline.OutputFiles;
import io.github.scratchimage.pipeline.Pipeline;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Reads the native executable's ELF headers and proves, before anything is built or pushed, that
 * it can start in a {@code FROM scratch} image under the {@code <linkage>} policy. Logs a summary
 * and writes {@code target/scratch-check.json}.
 *
 * @since 0.1.0
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class CheckMojo extends AbstractScratchMojo {
    @Override
    protected void run(Pipeline pipeline) throws ScratchException {
        CheckRequest request = checkRequest(ImagePaths.DEFAULT_APP_ROOT);
        (BuildMemory.checkLogged(project, request) ? pipeline.withCheckAlreadyLogged() : pipeline)
                .check(request, buildDirectory.toPath().resolve(OutputFiles.CHECK_REPORT));
    }
}
