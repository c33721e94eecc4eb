package io.github.scratchimage.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates real executables and checks the reader's promise: any byte sequence gives a model or an
 * {@link ElfFormatException} naming the file and the offset, never another exception, a hang or
 * unbounded memory. Seeded, so a failure is replayed with {@code -Delf.fuzz.seed=<seed>}.
 */
class ElfReaderMutationTest {
    /** 64- and 32-bit, little and big endian, dynamic (with version needs and hash tables) and static. */
    private static final List<Toolchain> CORPUS = List.of(Toolchain.GCC_DYNAMIC_PIE, Toolchain.GCC_NO_PIE,
            Toolchain.MUSL_DYNAMIC, Toolchain.AARCH64_DYNAMIC, Toolchain.GCC_STATIC_PIE, Toolchain.MUSL_STATIC,
            Toolchain.ARMHF_STATIC, Toolchain.S390X_STATIC);
    private static final int RANDOM_VARIANTS_PER_FILE = Integer.getInteger("elf.fuzz.variants", 1500);
    private static final long SEED = Long.getLong("elf.fuzz.seed", 0x5C4A7C4L);

    /** What is being read right now, for the timeout message: a hang names its variant. */
    private volatile String current = "nothing yet";
    private int variants;

    @Test
    void everyMutatedExecutableGivesAModelOrAnElfFormatException() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int file = 0; file < CORPUS.size(); file++) {
                fuzz(file, CORPUS.get(file));
            }
        }, () -> "seed " + SEED + ": reading did not finish in 60 s; it hung on " + current);
        assertThat(variants).isGreaterThanOrEqualTo(10_000);
    }

    private void fuzz(int fileIndex, Toolchain toolchain) throws Exception {
        byte[] bytes = Files.readAllBytes(TestExecutables.hello(toolchain));
        MutationPlanner planner = new MutationPlanner(bytes, ElfReader.read(toolchain.name(), bytes));
        int index = 0;
        for (Mutation truncation : planner.boundaryTruncations()) {
            check(toolchain, index++, bytes, planner, List.of(truncation));
        }
        for (int i = 0; i < RANDOM_VARIANTS_PER_FILE; i++) {
            Random random = new Random(SEED * 31 + fileIndex * 1_000_003L + i);
            check(toolchain, index++, bytes, planner, planner.randomMutations(random));
        }
    }

    private void check(Toolchain toolchain, int index, byte[] bytes, MutationPlanner planner, List<Mutation> mutations) {
        String name = "fuzz-" + toolchain.name().toLowerCase() + "-" + index;
        current = "seed " + SEED + ", " + name + ": " + mutations;
        variants++;
        byte[][] saved = new byte[mutations.size()][];
        for (int i = 0; i < mutations.size(); i++) {
            saved[i] = mutations.get(i).apply(bytes, planner.order());
        }
        try {
            read(name, truncated(bytes, mutations));
        } finally {
            for (int i = mutations.size() - 1; i >= 0; i--) {
                mutations.get(i).undo(bytes, saved[i]);
            }
        }
    }

    private void read(String name, byte[] bytes) {
        try {
            ElfReader.read(name, bytes);
        } catch (ElfFormatException e) {
            if (!e.getMessage().contains(name) || !e.getMessage().contains("offset")) {
                throw new AssertionError(current + ": message lacks the file name or offset: " + e.getMessage(), e);
            }
        } catch (Throwable t) {
            throw new AssertionError(current + ": " + t, t);
        }
    }

    private static byte[] truncated(byte[] bytes, List<Mutation> mutations) {
        Mutation last = mutations.get(mutations.size() - 1);
        return last.kind() == Mutation.Kind.TRUNCATE ? Arrays.copyOf(bytes, last.offset()) : bytes;
    }
}
