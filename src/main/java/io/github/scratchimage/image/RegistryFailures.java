package io.github.scratchimage.image;

import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Translates what Jib's registry client throws into our exceptions. Causes may be wrapped
 * several levels deep, so the whole cause chain is searched.
 */
final class RegistryFailures {

    /** What was being pushed, for messages; {@code username} and {@code secret} may be null. */
    record Context(String registry, String repository, String username, String secret) {
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
                        context.username(), null);
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
                return new RegistryUnreachableException(endpoint.host(), endpoint.port(), null);
            }
        }
        // Jib's message, cleaned; the cause is dropped because its messages are not cleaned.
        return new ImageBuildException(failure.getClass().getSimpleName() + ": "
                + Messages.clean(rootMessage(failure), context.secret()));
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
