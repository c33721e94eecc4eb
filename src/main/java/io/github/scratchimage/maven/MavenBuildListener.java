package io.github.scratchimage.maven;

import io.github.scratchimage.image.BuildListener;
import org.apache.maven.plugin.logging.Log;

/**
 * The image builder's log and progress in Maven's log. The image builder already serialises and throttles the
 * events; this only maps levels and prints progress in steps of a tenth, up to 100 % when the
 * image is delivered, so a long push shows it is alive without flooding CI logs.
 */
final class MavenBuildListener implements BuildListener {
    private final Log log;
    private int lastTenth = -1;

    MavenBuildListener(Log log) {
        this.log = log;
    }

    @Override
    public void log(Level level, String message) {
        switch (level) {
            case ERROR -> log.error(message);
            case WARN -> log.warn(message);
            case LIFECYCLE -> log.info(message);
            case INFO, DEBUG -> log.debug(message);
        }
    }

    @Override
    public void progress(double fraction) {
        int tenth = (int) Math.floor(Math.min(1, Math.max(0, fraction)) * 10);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            log.info(String.format("  building and delivering the image: %d%%", tenth * 10));
        }
    }
}
