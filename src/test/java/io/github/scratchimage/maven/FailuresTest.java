package io.github.scratchimage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.InvalidReferenceException;
import io.github.scratchimage.image.registry.InsecureRegistryException;
import io.github.scratchimage.image.registry.RegistryAuthenticationException;
import io.github.scratchimage.image.registry.RegistryUnreachableException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The one translation: whose fault decides the Maven exception, and the message Maven prints
 * (its own handler appends each cause's message that the message lacks) says each thing once.
 */
class FailuresTest {
    @Test
    void theUsersFaultIsABuildFailureTheEnvironmentsAnExecutionError() {
        assertThat(translated(new InvalidInputException("bad"))).isInstanceOf(MojoFailureException.class);
        assertThat(translated(new EnvironmentException("disk", new IOException("full"))))
                .isInstanceOf(MojoExecutionException.class);
        assertThat(translated(new RegistryUnreachableException("127.0.0.1", 5999, new ConnectException("refused"))))
                .isInstanceOf(MojoExecutionException.class);
        assertThat(translated(new InvalidReferenceException("A/B"))).isInstanceOf(MojoFailureException.class);
    }

    @Test
    void mavenPrintsEachMessageOnce() {
        assertOnce(new RegistryUnreachableException("127.0.0.1", 5999, new ConnectException("Connection refused")),
                "is unreachable", "Connection refused");
        assertOnce(new InvalidReferenceException("127.0.0.1:5000/UX/App:1.0.0"), "Invalid image reference or tag",
                "127.0.0.1:5000/UX/App:1.0.0");
        assertOnce(new InsecureRegistryException("127.0.0.1:5000", InsecureRegistryException.Reason.INSECURE_CONNECTION,
                new SSLHandshakeException("Unsupported or unrecognized SSL message")), "speaks plain HTTP",
                "Unsupported or unrecognized SSL message");
        assertOnce(new InsecureRegistryException("127.0.0.1:5000", InsecureRegistryException.Reason.CREDENTIALS_OVER_HTTP,
                null), "asks for credentials", "clear text");
        assertOnce(new RegistryAuthenticationException("127.0.0.1:5000", "team/app", "alice",
                List.of("<to><auth> (not set)", "settings.xml <server> with id '127.0.0.1:5000' (user alice)")),
                "were refused", "Looked in");
    }

    private static void assertOnce(ScratchException e, String... phrases) {
        String printed = new DefaultExceptionHandler().handleException(translated(e)).getMessage();
        for (String phrase : phrases) {
            assertThat(printed.split(java.util.regex.Pattern.quote(phrase), -1)).as("'%s' in: %s", phrase, printed)
                    .hasSize(2);
        }
    }

    private static Throwable translated(ScratchException e) {
        return catchThrowable(() -> Failures.rethrow(e));
    }
}
