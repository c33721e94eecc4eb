package io.github.scratchimage.image;

/**
 * Receives log lines and progress of a build. {@link ImageBuilder} calls it from one thread at a
 * time, so an implementation needs no locking; progress arrives at most a few times a second.
 */
public interface BuildListener {

    /** Severity of a log line, in Jib's terms. */
    enum Level { ERROR, WARN, LIFECYCLE, INFO, DEBUG }

    BuildListener NONE = new BuildListener() {
        @Override
        public void log(Level level, String message) {
        }
    };

    void log(Level level, String message);

    /** Fraction done in [0, 1]. */
    default void progress(double fraction) {
    }
}
