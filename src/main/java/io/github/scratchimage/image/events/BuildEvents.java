package io.github.scratchimage.image.events;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.scratchimage.image.BuildListener;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hands log lines and push progress to a {@link BuildListener} one call at a time, progress at
 * most twice a second, with colour codes and the password removed: a Maven log is not
 * thread-safe, Jib's HTTP client reports every chunk it writes, and its messages may quote what
 * it sent.
 */
public final class BuildEvents {
    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;

    private static final Pattern HTTP_FAILOVER =
            Pattern.compile("Failed to connect to (\\S+) over HTTPS\\. Attempting again with HTTP");
    private static final Pattern TLS_FAILOVER =
            Pattern.compile("Cannot verify server at (\\S+?)\\.? Attempting again with no TLS verification");

    private final BuildListener listener;
    private final Set<String> announced = new HashSet<>();
    private final Map<String, String> pendingTls = new LinkedHashMap<>();
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
        String message = Messages.clean(event.getMessage(), secret);
        Optional<Failover> failover = event.getLevel() == LogEvent.Level.WARN ? failover(message) : Optional.empty();
        if (failover.isEmpty()) {
            BuildListener.Level level = level(event.getLevel());
            if (level != BuildListener.Level.DEBUG && level != BuildListener.Level.INFO) {
                flushPending();
            }
            listener.log(level, message);
            return;
        }
        // Jib warns on every failover; the user asked for it, so it is news once, and not a warning
        listener.log(BuildListener.Level.DEBUG, message);
        Failover f = failover.get();
        if (f.http()) {
            // HTTPS without verification failed too: the registry has no TLS, and that is the news
            pendingTls.remove(f.host());
            announce(f.announcement());
        } else if (!announced.contains(f.announcement())) {
            pendingTls.put(f.host(), f.announcement());
        }
    }

    private void announce(String line) {
        listener.log(announced.add(line) ? BuildListener.Level.LIFECYCLE : BuildListener.Level.DEBUG, line);
    }

    /** A TLS failover that no HTTP failover followed: the registry has TLS this JVM does not trust. */
    private void flushPending() {
        if (!pendingTls.isEmpty()) {
            List<String> lines = List.copyOf(pendingTls.values());
            pendingTls.clear();
            lines.forEach(this::announce);
        }
    }

    /** One of Jib's failovers, on {@code host}, as the line that says what happened. */
    record Failover(String host, boolean http, String announcement) {
    }

    /**
     * Jib's failover warnings ("Failed to connect to https://host/v2/ over HTTPS. Attempting again
     * with HTTP.", "Cannot verify server at https://host/v2/. Attempting again with no TLS
     * verification.") as the one line that says what happened: Jib fails over only when
     * {@code <allowInsecureRegistries>} allows it.
     */
    static Optional<Failover> failover(String message) {
        Matcher http = HTTP_FAILOVER.matcher(message);
        if (http.find()) {
            String host = host(http.group(1));
            return Optional.of(new Failover(host, true, "Registry " + host + " answers over plain HTTP, not HTTPS:"
                    + " using it unencrypted, as <allowInsecureRegistries> allows"));
        }
        Matcher tls = TLS_FAILOVER.matcher(message);
        if (tls.find()) {
            String host = host(tls.group(1));
            return Optional.of(new Failover(host, false, "Registry " + host + " has a TLS certificate this JVM does not"
                    + " trust: using it without verifying it, as <allowInsecureRegistries> allows"));
        }
        return Optional.empty();
    }

    private static String host(String url) {
        try {
            String authority = URI.create(url).getRawAuthority();
            return authority != null ? authority : url;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    public synchronized void log(BuildListener.Level level, String message) {
        flushPending();
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
        flushPending();
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
        flushPending();
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
