/**
 * Package URLs ({@code pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64&distro=debian-12}) built
 * as ECMA-427 (the purl standard) says, for the Debian packages and Go modules an image carries
 * and for the image itself. JDK only: the {@code dpkg} and {@code sbom} packages both use it.
 *
 * <p>Entry point: {@link io.github.scratchimage.purl.PackageUrl}.
 */
package io.github.scratchimage.purl;
