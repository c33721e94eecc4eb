package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable is opened once per image build, measured with strace on a real build in a JVM
 * of its own: one mapping serves the ELF parse, the Go tables, the advisor's scan and the
 * content hash, and the SBOM takes the hash the layer key computed. Only a layer the cache does
 * not hold yet reads the executable a second time, to compress it.
 */
class ExecutableReadOnceTest {
    @TempDir
    Path work;

    @Test
    void anImageBuildOpensTheExecutableOnceAndOnceMoreOnlyToCompressANewLayer() throws Exception {
        Path executable = work.resolve("only-this-test-opens-me");
        Files.copy(TestExecutables.hello(Toolchain.GCC_STATIC), executable);

        List<String> cold = opens(executable, "cold");
        List<String> warm = opens(executable, "warm");

        assertThat(cold).as("the check's mapping and the compression of the new layer").hasSize(2);
        assertThat(warm).as("the check's mapping only: the layer is in the cache").hasSize(1);
    }

    /** The successful opens of {@code executable} in one build, as strace saw them. */
    private List<String> opens(Path executable, String run) throws Exception {
        Path trace = work.resolve(run + ".strace");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        TestExecutables.run(List.of("strace", "-f", "-qq", "-e", "trace=open,openat,openat2", "-o", trace.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                ImageInAChildProcess.class.getName(), executable.toString(), work.toString()),
                "apt-get install strace");
        return Files.readAllLines(trace).stream()
                .filter(line -> line.contains("\"" + executable + "\"") && !line.contains("= -1 "))
                .toList();
    }
}
