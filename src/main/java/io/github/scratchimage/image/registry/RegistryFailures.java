package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.events.Messages;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Translates what Jib's registry client throws into our exceptions. Causes may be wrapped
 * several levels deep, so the whole cause chain is searched.
 */
public final class RegistryFailures {

    /**
     * What was being pushed, for messages; {@code step} names what failed ("authenticating",
     * "pushing the manifest for tag 1.0"); {@code step}, {@code username} and {@code secret} may
     * be null.
     */
    record Context(String registry, String repository, String step, String username, String secret,
            List<String> credentialSources) {
    }

    private RegistryFailures() {
    }

    static ImageBuildException translate(Throwable failure, Context context) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ImageBuildException ours) {
                return ours;
            }
            if (t instanceof RegistryUnauthorizedException || t instanceof RegistryAuthenticationFailedException) {
                return new RegistryAuthenticationException(context.registry(), context.repository(),
                        context.username(), context.credentialSources());
            }
            if (t instanceof com.google.cloud.tools.jib.api.InsecureRegistryException
                    || t instanceof SSLException) {
                return new InsecureRegistryException(context.registry(),
                        InsecureRegistryException.Reason.INSECURE_CONNECTION, null);
            }
            if (t instanceof RegistryCredentialsNotSentException) {
                return new InsecureRegistryException(context.registry(),
                        InsecureRegistryException.Reason.CREDENTIALS_OVER_HTTP, null);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                RegistryEndpoint endpoint = RegistryEndpoint.parse(context.registry());
                return new RegistryUnreachableException(endpoint.host(), endpoint.port(), t);
            }
        }
        // Jib's message, cleaned; the cause is dropped because its messages are not cleaned.
        String what = context.step() == null ? "" : ": " + context.step();
        String why = hasCause(failure, java.net.SocketTimeoutException.class)
                ? "no answer within Jib's HTTP timeout (-Djib.httpTimeout, "
                        + JibSystemProperties.getHttpTimeout() + " ms)"
                : Messages.clean(RetryPolicy.describe(failure) + " - " + rootMessage(failure), context.secret());
        return new ImageBuildException(context.registry() + "/" + context.repository() + what + " failed: " + why
                + hint(failure));
    }

    /** What to do about a status that no retry fixes, where the status says it. */
    private static String hint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseException response) {
                int status = response.getStatusCode();
                if (status == 413) {
                    return ". The registry, or a proxy in front of it, refuses a request this large: raise its"
                            + " body size limit (nginx: client_max_body_size)";
                }
                if (status == 429) {
                    return ". The registry limits how fast it may be called: wait, or push with credentials"
                            + " that have a higher limit, then run the build again";
                }
                if (status >= 500) {
                    return ". The registry kept failing on its side, after retries: check its logs or status"
                            + " page, then run the build again";
                }
                return "";
            }
        }
        return "";
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = failure.getMessage();
        return deepest == failure ? message : message + " (caused by " + deepest + ")";
    }
}
