package io.github.scratchimage.libraries;

import java.util.ArrayList;
import java.util.List;

/** Path arithmetic on image paths: strings, as the image has no symlinks for {@code ..} to cross. */
final class ImagePaths {
    private ImagePaths() {
    }

    /** {@code /app/../lib/./x} is {@code /lib/x}; {@code ..} stops at {@code /}. */
    static String normalize(String path) {
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

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String child(String directory, String name) {
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }
}
