package io.github.scratchimage.analysis;



/**
 * The checksec-style properties of an executable. Reported for information; a build enforces
 * them only when asked to, through {@link HardeningRequirement} and {@link HardeningVerdict}.
 *
 * <p>{@code stackCanary} and {@code fortify} come from the dynamic symbols the executable imports,
 * as checksec reads them: {@code __stack_chk_fail} (or {@code __stack_chk_guard}) for a stack
 * protector, any other {@code __*_chk} (such as {@code __printf_chk}, {@code __memcpy_chk}) for
 * {@code _FORTIFY_SOURCE}. Both are {@link Detection#UNKNOWN} for a statically linked executable:
 * it imports nothing, and its {@code .symtab} would not tell either, since a static glibc brings
 * its own {@code __stack_chk_fail} and {@code __*_chk} functions into every program, protected or
 * not. {@code fortify} is also unknown against musl, which has no {@code __*_chk} functions.
 */
public record Hardening(
        boolean pie, boolean nonExecutableStack, Relro relro, Detection stackCanary, Detection fortify) {
}
