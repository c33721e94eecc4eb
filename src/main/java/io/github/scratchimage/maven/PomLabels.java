package io.github.scratchimage.maven;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.model.License;
import org.apache.maven.project.MavenProject;

/**
 * The OCI annotation labels ({@code org.opencontainers.image.*}) the POM already knows, so
 * registries and scanners show where an image came from without the user repeating it.
 * The user's {@code <labels>} win over these.
 */
final class PomLabels {
    private static final String PREFIX = "org.opencontainers.image.";

    private PomLabels() {
    }

    static Map<String, String> from(MavenProject project, Optional<Instant> created) {
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "title", project.getName() != null ? project.getName() : project.getArtifactId());
        put(labels, "version", project.getVersion());
        put(labels, "description", project.getDescription());
        put(labels, "url", project.getUrl());
        if (project.getLicenses() != null && !project.getLicenses().isEmpty()) {
            put(labels, "licenses", project.getLicenses().stream().map(License::getName)
                    .filter(n -> n != null && !n.isBlank()).collect(Collectors.joining(" AND ")));
        }
        if (project.getScm() != null) {
            put(labels, "source", project.getScm().getUrl());
            String tag = project.getScm().getTag();
            if (tag != null && !tag.equals("HEAD")) {
                put(labels, "revision", tag);
            }
        }
        created.ifPresent(c -> labels.put(PREFIX + "created", c.toString()));
        return labels;
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(PREFIX + key, value.trim());
        }
    }
}
