package io.github.scratchimage.libraries;

/**
 * A symbol version an object needs ({@code DT_VERNEED}) that the library found for it does not
 * define ({@code DT_VERDEF}); glibc's loader refuses to start with "version `GLIBC_2.99' not found".
 *
 * @param object  the image path of the object that needs the version
 * @param library the image path of the library that lacks it
 * @param version the version name, e.g. {@code GLIBC_2.34}
 */
public record VersionMismatch(String object, String library, String version) {
}
