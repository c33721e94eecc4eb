package io.github.scratchimage.image.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.scratchimage.image.BuildListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jib's failover warnings, as Jib words them, become one line that says what happened. */
class BuildEventsTest {
    private final List<String> lines = new ArrayList<>();
    private final BuildEvents events = new BuildEvents((level, message) -> lines.add(level + " " + message));

    @Test
    void aPlainHttpRegistryIsOneLifecycleLineAndNoWarningHoweverOftenJibFailsOver() {
        for (int request = 0; request < 3; request++) {
            // Jib tries HTTPS without verification first, then plain HTTP
            events.onLog(LogEvent.warn("Cannot verify server at https://127.0.0.1:5000/v2/. Attempting again with no"
                    + " TLS verification."));
            events.onLog(LogEvent.warn("Failed to connect to https://127.0.0.1:5000/v2/ over HTTPS. Attempting again"
                    + " with HTTP."));
        }
        events.log(BuildListener.Level.LIFECYCLE, "done");

        assertThat(lines).filteredOn(l -> !l.startsWith("DEBUG")).containsExactly(
                "LIFECYCLE Registry 127.0.0.1:5000 answers over plain HTTP, not HTTPS: using it unencrypted, as"
                        + " <allowInsecureRegistries> allows",
                "LIFECYCLE done");
        assertThat(lines).noneMatch(l -> l.startsWith("WARN"));
    }

    @Test
    void anUntrustedCertificateWithoutHttpFailoverIsSaidOnceWhenTheBuildGoesOn() {
        events.onLog(LogEvent.warn("Cannot verify server at https://registry.test:443/v2/. Attempting again with no"
                + " TLS verification."));
        events.onLog(LogEvent.debug("some detail"));
        events.advance(10);
        events.onLog(LogEvent.warn("Cannot verify server at https://registry.test:443/v2/. Attempting again with no"
                + " TLS verification."));
        events.finishProgress();

        assertThat(lines).filteredOn(l -> l.startsWith("LIFECYCLE")).containsExactly(
                "LIFECYCLE Registry registry.test:443 has a TLS certificate this JVM does not trust: using it without"
                        + " verifying it, as <allowInsecureRegistries> allows");
    }

    @Test
    void otherWarningsStayWarnings() {
        events.onLog(LogEvent.warn("something else"));

        assertThat(lines).containsExactly("WARN something else");
    }
}
