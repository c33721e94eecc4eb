package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.failure.InvalidInputException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildTimestampsTest {
    private static final Instant OUTPUT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void outputTimestampIsReadAsMavenArchiverReadsIt() throws Exception {
        assertThat(BuildTimestamps.outputTimestamp(null)).isEmpty();
        assertThat(BuildTimestamps.outputTimestamp("-")).as("one character means unset").isEmpty();
        assertThat(BuildTimestamps.outputTimestamp("2026-01-01T00:00:00Z")).contains(OUTPUT);
        assertThat(BuildTimestamps.outputTimestamp("1767225600")).contains(OUTPUT);
        assertThat(BuildTimestamps.outputTimestamp("2026-01-01T01:00:00+01:00")).contains(OUTPUT);
    }

    @Test
    void imageTimesFollowTheOutputTimestampElseTheEpoch() throws Exception {
        assertThat(BuildTimestamps.creationTime(null, Optional.of(OUTPUT))).isEqualTo(OUTPUT);
        assertThat(BuildTimestamps.creationTime(null, Optional.empty())).isEqualTo(Instant.EPOCH);
        assertThat(BuildTimestamps.creationTime("EPOCH", Optional.of(OUTPUT))).isEqualTo(Instant.EPOCH);
        assertThat(BuildTimestamps.filesModificationTime(null, Optional.empty())).isEqualTo(Instant.EPOCH.plusSeconds(1));
        assertThat(BuildTimestamps.filesModificationTime("EPOCH_PLUS_SECOND", Optional.of(OUTPUT)))
                .isEqualTo(Instant.EPOCH.plusSeconds(1));
        assertThat(BuildTimestamps.filesModificationTime(null, Optional.of(OUTPUT))).isEqualTo(OUTPUT);
    }

    @Test
    void aBadTimeNamesTheParameterAndTheForms() {
        assertThatThrownBy(() -> BuildTimestamps.creationTime("yesterday", Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<container><creationTime> is 'yesterday'").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> BuildTimestamps.outputTimestamp("soon"))
                .hasMessageContaining("project.build.outputTimestamp is 'soon'");
    }
}
