/**
 * Debian package provenance read from a sysroot's dpkg database, JDK only: which installed
 * package a file of the image comes from, at which version, under which purl, and the
 * {@code status.d} files that let image scanners see those packages in a {@code FROM scratch}
 * image as they see them in a distroless one.
 *
 * <p>Entry points: {@link io.github.scratchimage.dpkg.DpkgDatabase#open(java.nio.file.Path)} and
 * {@link io.github.scratchimage.dpkg.ScannerMetadata#files}. A damaged database file is a
 * {@link io.github.scratchimage.dpkg.DpkgFormatException} naming the file and line. No Maven or
 * image types.
 */
package io.github.scratchimage.dpkg;
