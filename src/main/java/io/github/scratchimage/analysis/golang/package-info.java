/**
 * Evidence from Go executables, read from the file without running it: the toolchain and modules
 * a binary was built from, and the functions in it
 * ({@link io.github.scratchimage.analysis.golang.GoBinary}). JDK only, on top of the {@code elf}
 * package's model; no Maven types.
 */
package io.github.scratchimage.analysis.golang;
