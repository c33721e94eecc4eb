package io.github.scratchimage.sbom;

import java.util.List;
import java.util.Objects;

/**
 * A distribution package the image carries files of ({@code libc6}), with its purl
 * ({@code pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64&distro=debian-12}) and the image
 * paths of the files it installed that the image holds.
 */
public record OsPackage(String name, String version, String purl, List<String> files) {

    public OsPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(purl, "purl");
        if (!purl.startsWith("pkg:")) {
            throw new IllegalArgumentException("the purl of package " + name + " starts with pkg:: '" + purl + "'");
        }
        files = List.copyOf(files);
        files.forEach(ImageFile::requirePath);
    }
}
