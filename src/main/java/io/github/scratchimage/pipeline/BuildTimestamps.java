package io.github.scratchimage.pipeline;

import io.github.scratchimage.failure.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Image times for reproducible builds: {@code project.build.outputTimestamp} when set (ISO-8601
 * or seconds since the epoch, as maven-archiver reads it), else the epoch, so the same executable
 * gives the same digest on any machine.
 */
public final class BuildTimestamps {
    private BuildTimestamps() {
    }

    public static Optional<Instant> outputTimestamp(String value) throws InvalidInputException {
        // maven-archiver treats a one-character value (e.g. "-") as "not set"
        if (value == null || value.trim().length() < 2) {
            return Optional.empty();
        }
        return Optional.of(parse(value.trim(), "project.build.outputTimestamp"));
    }

    public static Instant creationTime(String configured, Optional<Instant> outputTimestamp) throws InvalidInputException {
        if (configured == null || configured.isBlank()) {
            return outputTimestamp.orElse(Instant.EPOCH);
        }
        return switch (configured.trim()) {
            case "EPOCH" -> Instant.EPOCH;
            case "USE_CURRENT_TIMESTAMP" -> Instant.now();
            default -> parse(configured.trim(), "<container><creationTime>");
        };
    }

    public static Instant filesModificationTime(String configured, Optional<Instant> outputTimestamp)
            throws InvalidInputException {
        if (configured == null || configured.isBlank()) {
            return outputTimestamp.orElse(Instant.EPOCH.plusSeconds(1));
        }
        if (configured.trim().equals("EPOCH_PLUS_SECOND")) {
            return Instant.EPOCH.plusSeconds(1);
        }
        return parse(configured.trim(), "<container><filesModificationTime>");
    }

    private static Instant parse(String value, String name) throws InvalidInputException {
        if (value.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + " is '" + value + "': use an ISO-8601 instant such as"
                    + " 2026-01-01T00:00:00Z or seconds since the epoch");
        }
    }
}
