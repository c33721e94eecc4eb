package io.github.scratchimage.image.events;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.scratchimage.image.BuildListener;

/**
 * Hands log lines and push progress to a {@link BuildListener} one call at a time, progress at
 * most twice a second, with colour codes and the password removed: a Maven log is not
 * thread-safe, Jib's HTTP client reports every chunk it writes, and its messages may quote what
 * it sent.
 */
public final class BuildEvents {
    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;

    private final BuildListener listener;
    private volatile String secret;
    private long total;
    private long done;
    private double phaseStart;
    private double phaseEnd = 1.0;
    private long lastReportNanos;
    private boolean reported;

    public BuildEvents(BuildListener listener) {
        this.listener = listener;
    }

    /** Scrubbed from every message from now on; known once a credential has been found. */
    public void secret(String secret) {
        this.secret = secret;
    }

    public synchronized void onLog(LogEvent event) {
        listener.log(level(event.getLevel()), Messages.clean(event.getMessage(), secret));
    }

    public synchronized void log(BuildListener.Level level, String message) {
        listener.log(level, Messages.clean(message, secret));
    }

    /**
     * Starts a phase that covers {@code [from, to]} of the whole build's progress: compressing,
     * then pushing, each reported in bytes of its own.
     */
    public synchronized void startPhase(double from, double to, long totalBytes) {
        phaseStart = from;
        phaseEnd = to;
        total = Math.max(1, totalBytes);
        done = 0;
    }

    public synchronized void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (!reported || now - lastReportNanos >= PROGRESS_INTERVAL_NANOS) {
            reported = true;
            lastReportNanos = now;
            double fraction = Math.min(1.0, (double) done / total);
            listener.progress(phaseStart + (phaseEnd - phaseStart) * fraction);
        }
    }

    public synchronized void finishProgress() {
        listener.progress(1.0);
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
