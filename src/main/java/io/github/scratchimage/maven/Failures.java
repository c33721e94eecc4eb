package io.github.scratchimage.maven;

import io.github.scratchimage.failure.Fault;
import io.github.scratchimage.failure.ScratchException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place where the core's failures become Maven's: the user's input is a
 * {@link MojoFailureException}, the environment or the registry a {@link MojoExecutionException}.
 * The core's message is complete, so it is passed on as it is; Maven prints the causes' messages
 * only where they add something, and the stack trace only with {@code -e} or {@code -X}.
 */
final class Failures {
    private Failures() {
    }

    static void rethrow(ScratchException e) throws MojoExecutionException, MojoFailureException {
        if (e.fault() == Fault.USER) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        throw new MojoExecutionException(e.getMessage(), e);
    }
}
