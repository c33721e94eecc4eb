package io.github.scratchimage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seed inputs for the Jazzer fuzz tests, made at test time by the real toolchains: the fuzzer
 * starts from executables the reader must accept, so its mutations reach the dynamic section,
 * version tables and notes instead of dying on the magic number. Stripped builds keep each seed
 * small (14 to 68 KB), which keeps every fuzzing iteration fast.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /** 64-bit little and big endian, glibc and musl, PIE, non-PIE, static, a shared library, sections and none. */
    public static Stream<Arguments> executables() {
        return Stream.of(
                compile(Toolchain.GCC_DYNAMIC_PIE, List.of("-s")),
                compile(Toolchain.GCC_DYNAMIC_PIE, List.of()),
                compile(Toolchain.GCC_NO_PIE, List.of("-s")),
                compile(Toolchain.GCC_DYNAMIC_PIE, List.of("-s", "-shared", "-fPIC", "-Wl,-soname,libseed.so.1")),
                compile(Toolchain.GCC_DYNAMIC_PIE, List.of("-s", "-Wl,-rpath,$ORIGIN/../lib", "-Wl,--enable-new-dtags")),
                compile(Toolchain.MUSL_DYNAMIC, List.of("-s")),
                compile(Toolchain.MUSL_STATIC, List.of("-s")),
                compile(Toolchain.AARCH64_DYNAMIC, List.of("-s")))
                .map(bytes -> Arguments.of((Object) bytes));
    }

    private static byte[] compile(Toolchain toolchain, List<String> flags) {
        Path file = TestExecutables.compile(toolchain, TestExecutables.HELLO, flags);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
