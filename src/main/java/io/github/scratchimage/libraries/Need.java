package io.github.scratchimage.libraries;

/** One reason a file is in the image: {@code needer} (an image path, or {@code extraLibraries}) needs it. */
public record Need(String needer, Reason reason) {
}
