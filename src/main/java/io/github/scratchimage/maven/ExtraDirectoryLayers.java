package io.github.scratchimage.maven;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.content.ExtraDirectories.Permission;
import io.github.scratchimage.image.content.ExtraDirectories.Source;
import io.github.scratchimage.maven.ExtraDirectoriesConfiguration.ExtraDirectoryPath;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code <extraDirectories>} in Maven's terms: the paths from the POM or the command line ({@code -D}
 * properties replace the POM's, as Jib's do), else {@value #DEFAULT_DIRECTORY} when it exists.
 *
 * <p>The default is {@code src/main/scratch}, not Jib's {@code src/main/jib}: a project may build
 * a JVM image with jib-maven-plugin and a native one with this plugin, and files laid out for a
 * JVM base image would otherwise land in the scratch image unasked. Configure
 * {@code <path>src/main/jib</path>} to share them on purpose.
 */
public final class ExtraDirectoryLayers {
    static final String DEFAULT_DIRECTORY = "src/main/scratch";

    private ExtraDirectoryLayers() {
    }

    static List<Source> sources(ExtraDirectoriesConfiguration config, String pathsProperty, File basedir)
            throws InvalidInputException {
        if (pathsProperty != null && !pathsProperty.isBlank()) {
            return split(pathsProperty).stream().map(p -> Source.of(basedir.toPath().resolve(p))).toList();
        }
        if (config.paths == null) {
            Path fallback = basedir.toPath().resolve(DEFAULT_DIRECTORY);
            return Files.isDirectory(fallback) ? List.of(Source.of(fallback)) : List.of();
        }
        List<Source> sources = new ArrayList<>();
        for (ExtraDirectoryPath path : config.paths) {
            if (path.from == null) {
                throw new InvalidInputException("<extraDirectories><paths><path> has no directory: write"
                        + " <path>src/main/scratch</path> or <path><from>dir</from><into>/opt</into></path>");
            }
            sources.add(new Source(basedir.toPath().resolve(path.from.toPath()), path.into,
                    splitAll(path.includes), splitAll(path.excludes)));
        }
        return sources;
    }

    static List<Permission> permissions(ExtraDirectoriesConfiguration config, String permissionsProperty)
            throws InvalidInputException {
        if (permissionsProperty == null || permissionsProperty.isBlank()) {
            return config.permissions.stream().map(p -> new Permission(trim(p.file), trim(p.mode))).toList();
        }
        List<Permission> permissions = new ArrayList<>();
        for (String item : split(permissionsProperty)) {
            int equals = item.lastIndexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException(PropertyNames.EXTRA_DIRECTORIES_PERMISSIONS + " has '" + item
                        + "'; write path=mode pairs separated by commas: /opt/run.sh=755,/opt/bin/*=755");
            }
            permissions.add(new Permission(item.substring(0, equals).trim(), item.substring(equals + 1).trim()));
        }
        return permissions;
    }

    /** Jib accepts {@code <includes>a,b</includes>} as well as one glob per element. */
    private static List<String> splitAll(List<String> values) {
        return values.stream().flatMap(v -> split(v).stream()).toList();
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
