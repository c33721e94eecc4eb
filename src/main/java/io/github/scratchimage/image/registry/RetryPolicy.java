package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.events.BuildEvents;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * When a registry call is tried again. Each blob and manifest push is one call, so a retry starts
 * that upload afresh and never resumes a half-sent one.
 *
 * <ul>
 *   <li>5xx and 429 answers, a connection reset or closed mid-request, a truncated response,
 *       a 404 for an upload session the registry dropped: transient, tried again after a pause, up to {@link #maxAttempts} times in all.</li>
 *   <li>401 in the middle of a push (a bearer token that expired during a long upload):
 *       authenticated again, once, then tried again.</li>
 *   <li>Everything else fails at once: nothing listening (retrying only delays the message),
 *       a TLS failure, a 4xx, and a read timeout, which has already cost Jib's HTTP timeout
 *       ({@code jib.httpTimeout}, 20 s by default).</li>
 * </ul>
 */
public final class RetryPolicy {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1));

    /** A registry call; throws what Jib's client throws. */
    interface RegistryCall {
        void run() throws IOException, RegistryException;
    }

    private final int maxAttempts;
    private final Duration firstPause;

    public RetryPolicy(int maxAttempts, Duration firstPause) {
        this.maxAttempts = maxAttempts;
        this.firstPause = firstPause;
    }

    void run(String what, BuildEvents events, RegistryCall reauthenticate, RegistryCall call)
            throws IOException, RegistryException {
        boolean reauthenticated = false;
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (RegistryUnauthorizedException e) {
                if (reauthenticated) {
                    throw e;
                }
                reauthenticated = true;
                events.log(BuildListener.Level.WARN, "the registry refused the credentials while " + what
                        + " (an expired token?); authenticating again");
                reauthenticate.run();
            } catch (IOException | RegistryException e) {
                if (attempt >= maxAttempts || !isTransient(e)) {
                    throw e;
                }
                events.log(BuildListener.Level.WARN, what + " failed (" + describe(e)
                        + "); trying again in " + pause.toMillis() + " ms, attempt " + (attempt + 1) + " of "
                        + maxAttempts);
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseException response) {
                // A 404 naming the upload session: the registry dropped a half-sent upload (after a
                // reset, say); a new upload is the fix.
                return response.getStatusCode() >= 500 || response.getStatusCode() == 429
                        || response.getStatusCode() == 404 && response.getContent() != null
                                && response.getContent().matches("(?s).*BLOB_UPLOAD_(INVALID|UNKNOWN).*");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof SSLException
                    || t instanceof InterruptedIOException) {
                return false;
            }
            if (t instanceof SocketException || t instanceof EOFException) {
                return true;
            }
            if (t instanceof IOException io && io.getMessage() != null
                    && (io.getMessage().contains("end of file") || io.getMessage().contains("Premature EOF")
                    || io.getMessage().contains("closed"))) {
                return true;
            }
        }
        return false;
    }

    /** Status code or the deepest cause's message, for the log. */
    static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseException response) {
                return "HTTP " + response.getStatusCode();
            }
            deepest = t;
        }
        return deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
    }

    private static void sleep(Duration pause) throws InterruptedIOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
