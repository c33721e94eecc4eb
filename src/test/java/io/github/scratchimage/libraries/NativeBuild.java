package io.github.scratchimage.libraries;

import io.github.scratchimage.testing.TestExecutables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compiles programs and shared libraries into a test's own directory tree, with the real compilers. */
final class NativeBuild {
    private NativeBuild() {
    }

    /** Compiles {@code source} (C, or C++ when the compiler is g++) to {@code output} with {@code flags}. */
    static Path compile(String compiler, Path output, String source, String... flags) throws IOException {
        Files.createDirectories(output.getParent());
        Path sourceFile = Files.createTempFile(output.getParent(), "src", compiler.contains("++") ? ".cc" : ".c");
        Files.writeString(sourceFile, source);
        List<String> command = new ArrayList<>(List.of(compiler, "-o", output.toString(), sourceFile.toString()));
        command.addAll(List.of(flags));
        TestExecutables.run(command, "apt-get install " + (compiler.contains("++") ? "g++" : compiler)
                + " (scripts/install-test-tools.sh)");
        Files.delete(sourceFile);
        return output;
    }

    /** A shared library {@code lib/lib<name>.so} with that soname, exporting {@code const char *<name>(void)}. */
    static Path sharedLibrary(Path lib, String name) throws IOException {
        return compile("gcc", lib.resolve("lib" + name + ".so"),
                "const char *" + name + "(void) { return \"" + name + "\"; }\n",
                "-shared", "-fPIC", "-Wl,-soname,lib" + name + ".so");
    }

    /** A program calling {@code name()} from {@code lib<name>.so} in {@code lib}, with extra linker flags. */
    static Path programUsing(Path output, Path lib, String name, String... flags) throws IOException {
        List<String> all = new ArrayList<>(List.of("-L" + lib, "-l" + name));
        all.addAll(List.of(flags));
        return compile("gcc", output, "#include <stdio.h>\nconst char *" + name + "(void);\n"
                + "int main(void) { puts(" + name + "()); return 0; }\n", all.toArray(String[]::new));
    }
}
