package io.github.scratchimage.testing;

import java.util.List;

/** The C program and compiler flags the hardening tests build: one source, so they judge the same thing. */
public final class HardeningPrograms {
    /** A local array for the stack protector to guard, and a printf that _FORTIFY_SOURCE checks. */
    public static final String FORTIFIABLE = """
            #include <stdio.h>
            #include <string.h>
            int main(int argc, char **argv) {
                char name[64];
                strncpy(name, argv[0], sizeof name - 1);
                name[sizeof name - 1] = '\\0';
                printf("%s has %d arguments\\n", name, argc - 1);
                return 0;
            }
            """;
    /** Full RELRO, a stack protector and FORTIFY (PIE is the compiler's default here). */
    public static final List<String> HARDENED = List.of("-Wl,-z,relro,-z,now", "-fstack-protector-strong",
            "-D_FORTIFY_SOURCE=2", "-O2");

    private HardeningPrograms() {
    }
}
