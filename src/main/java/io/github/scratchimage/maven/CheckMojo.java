package io.github.scratchimage.maven;

import io.github.scratchimage.libraries.ResolveRequest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
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
    protected String goal() {
        return "check";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        checkExecutable(ResolveRequest.DEFAULT_IMAGE_DIRECTORY);
    }
}
