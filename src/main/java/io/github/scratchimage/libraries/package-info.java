/**
 * Finds, without running anything, the files a dynamically linked executable needs in a
 * {@code FROM scratch} image: its interpreter, the {@code DT_NEEDED} closure searched the way
 * ld.so (glibc) or musl's loader searches it, and the libraries glibc dlopens behind the
 * program's back. Everything is looked up inside a sysroot.
 *
 * <p>Entry point: {@link io.github.scratchimage.libraries.LibraryResolver#resolve(ResolveRequest)}.
 * A library that is missing, a version that is missing and a candidate that was skipped are
 * data in the {@link io.github.scratchimage.libraries.LibraryTree}, never exceptions: the caller
 * decides whether they fail the build. No Maven types.
 */
package io.github.scratchimage.image;
