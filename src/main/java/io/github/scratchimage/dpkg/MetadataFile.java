package io.github.scratchimage.dpkg;

import java.util.Arrays;
import java.util.Objects;

/** A file to put into the image: {@code path} absolute in the image, {@code content} its bytes. */
public record MetadataFile(String path, byte[] content) {

    public MetadataFile {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path in the image must be absolute: " + path);
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetadataFile that && path.equals(that.path) && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes)";
    }
}
