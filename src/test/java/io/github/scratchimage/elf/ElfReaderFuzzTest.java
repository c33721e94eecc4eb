package io.github.scratchimage.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jazzer, coverage-guided: any byte sequence gives a model or an {@link ElfFormatException} that
 * names the file and an offset. Anything else thrown (an IndexOutOfBounds, a NegativeArraySize,
 * an OutOfMemoryError from a size taken on trust) is a finding. Seeds are real executables compiled
 * now; crashing inputs found later live in {@code ElfReaderFuzzTestInputs} and replay on every build.
 */
class ElfReaderFuzzTest {
    static final String NAME = "fuzzed";

    @MethodSource("io.github.scratchimage.testing.FuzzSeeds#executables")
    @FuzzTest(maxDuration = "5s")
    void anyBytesGiveAModelOrAnElfFormatException(byte[] bytes) {
        try {
            ElfFile elf = ElfReader.read(NAME, bytes);
            if (elf.fileSize() != bytes.length) {
                throw new AssertionError("the model's size " + elf.fileSize() + " is not the input's " + bytes.length);
            }
        } catch (ElfFormatException e) {
            if (!e.getMessage().startsWith(NAME + ": ") || !e.getMessage().contains("at offset")) {
                throw new AssertionError("the message lacks the file name or offset: " + e.getMessage(), e);
            }
        }
    }
}
