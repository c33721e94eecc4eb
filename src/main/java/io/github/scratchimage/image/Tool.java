package io.github.scratchimage.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin as it names itself to registries (User-Agent) and in the image history. Its version
 * comes from the build that made the plugin, so an image says which release wrote it; that makes
 * the plugin version part of the image's digest.
 */
public record Tool(String name, String version) {
    public static final Tool CURRENT = new Tool("scratch-maven-plugin", builtVersion());

    public String userAgent() {
        return name + "/" + version;
    }

    /** The history's {@code created_by}. */
    public String createdBy() {
        return name + " " + version;
    }

    private static String builtVersion() {
        try (InputStream in = Tool.class.getResourceAsStream("tool.properties")) {
            if (in == null) {
                throw new IllegalStateException("tool.properties is missing from the plugin's jar: rebuild it with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
