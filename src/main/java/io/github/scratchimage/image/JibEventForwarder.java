package io.github.scratchimage.image;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.ProgressEventHandler;

/**
 * Turns Jib's events, which arrive on its worker threads, into calls on a {@link BuildListener}
 * one at a time, with progress throttled: a Maven log is not thread-safe, and Jib reports
 * progress for every chunk it writes.
 */
final class JibEventForwarder {
    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;

    private final BuildListener listener;
    private final String secret;
    private final ProgressEventHandler progressAggregator;
    private long lastProgressNanos;
    private double lastFraction = -1;

    JibEventForwarder(BuildListener listener, String secret) {
        this.listener = listener;
        this.secret = secret;
        this.progressAggregator = new ProgressEventHandler(update -> reportProgress(update.getProgress()));
    }

    synchronized void onLog(LogEvent event) {
        listener.log(level(event.getLevel()), Messages.clean(event.getMessage(), secret));
    }

    void onProgress(ProgressEvent event) {
        progressAggregator.accept(event);
    }

    private synchronized void reportProgress(double fraction) {
        long now = System.nanoTime();
        boolean done = fraction >= 1.0 && lastFraction < 1.0;
        if (done || lastFraction < 0 || now - lastProgressNanos >= PROGRESS_INTERVAL_NANOS) {
            lastProgressNanos = now;
            lastFraction = fraction;
            listener.progress(Math.min(1.0, fraction));
        }
    }

    private static BuildListener.Level level(LogEvent.Level level) {
        return switch (level) {
            case ERROR -> BuildListener.Level.ERROR;
            case WARN -> BuildListener.Level.WARN;
            case LIFECYCLE -> BuildListener.Level.LIFECYCLE;
            case PROGRESS, INFO -> BuildListener.Level.INFO;
            case DEBUG -> BuildListener.Level.DEBUG;
        };
    }
}
