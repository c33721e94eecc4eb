package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.global.JibSystemProperties;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a push on a worker thread and gives up when nothing has happened for too long.
 *
 * <p>Why: Jib's HTTP client retries a request that timed out up to ten more times with
 * exponential pauses, so a registry that accepts a request and never answers holds a build for
 * eleven HTTP timeouts plus about a minute of pauses, over four minutes with the default 20 s
 * timeout. A release pipeline should hear about it after one. Bytes sent and the start of each
 * step count as activity, so a long upload that moves is never cut; log lines do not, since Jib
 * logs each of its retries.
 *
 * <p>A push given up on is left to end on its own (its thread is a daemon, interrupted but
 * possibly blocked in a socket read); nothing it does afterwards reaches the result. The tag
 * is written last, so a push given up on before it never changes what the tag names.
 */
public final class StallWatchdog {
    private static final long POLL_MILLIS = 200;

    private final Duration limit;
    private volatile long lastActivityNanos = System.nanoTime();

    StallWatchdog(Duration limit) {
        this.limit = limit;
    }

    /** Jib's per-request timeout (system property {@code jib.httpTimeout}, ms) plus a margin. */
    static Duration forJibTimeout() {
        int millis = JibSystemProperties.getHttpTimeout();
        return Duration.ofMillis(millis <= 0 ? 20_000 : millis).plusSeconds(5);
    }

    Duration limit() {
        return limit;
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** The work's result; {@link TimeoutException} when it stalled for longer than the limit. */
    <T> T run(Callable<T> work) throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scratch-push");
            thread.setDaemon(true);
            return thread;
        });
        touch();
        Future<T> future = worker.submit(work);
        try {
            while (true) {
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() - lastActivityNanos > limit.toNanos()) {
                        future.cancel(true);
                        throw new TimeoutException("no activity for " + limit.toSeconds() + " s");
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        } finally {
            worker.shutdownNow();
        }
    }
}
