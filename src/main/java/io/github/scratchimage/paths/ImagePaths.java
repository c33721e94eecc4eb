package io.github.scratchimage.paths;

import java.util.ArrayList;
import java.util.List;

/** Path arithmetic on image paths: strings, as the image has no symlinks for {@code ..} to cross. */
public final class ImagePaths {
    /** Where the executable goes unless {@code <container><appRoot>} says otherwise. */
    public static final String DEFAULT_APP_ROOT = "/app";

    private ImagePaths() {
    }

    /** {@code /app/../lib/./x} is {@code /lib/x}; {@code ..} stops at {@code /}. */
    public static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /**
     * {@code name} inside {@code directory}, normalised: {@code /opt/bin/} and {@code /opt/bin}
     * give the same path, so every rule that compares image paths sees one spelling.
     */
    public static String inDirectory(String directory, String name) {
        return normalize(child(directory, name));
    }

    public static String child(String directory, String name) {
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }
}
