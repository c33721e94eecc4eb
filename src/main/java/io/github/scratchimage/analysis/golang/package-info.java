/**
 * Evidence from Go executables, read from the file without running it: the toolchain and modules
 * a binary was built from, and the functions in it ({@link io.github.scratchimage.analysis.golang.GoBinary}),
 * and from those the files it will look for at run time
 * ({@link io.github.scratchimage.analysis.golang.GoRuntimeNeeds}). JDK only, on top of the
 * {@code elf} package's model; no Maven types.
 */
package io.github.scratchimage.analysis.golang;
