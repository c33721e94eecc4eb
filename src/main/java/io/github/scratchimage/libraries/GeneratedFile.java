package io.github.scratchimage.libraries;

/** A small file the image needs that no sysroot file provides as is, e.g. {@code /etc/nsswitch.conf}. */
public record GeneratedFile(String imagePath, String content, String why) {
}
