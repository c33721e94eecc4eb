package io.github.scratchimage.analysis.golang;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.scratchimage.elf.ElfClass;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfHeader;
import io.github.scratchimage.elf.ElfType;
import io.github.scratchimage.elf.ProgramHeader;
import io.github.scratchimage.elf.Section;
import io.github.scratchimage.elf.SegmentType;
import io.github.scratchimage.testing.FuzzWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jazzer: any bytes, with any section table pointing into them, give a result or empty; only
 * reading the file may throw. The ELF model is made here, not read, so that the fuzzer spends its
 * time on the Go tables instead of on an ELF the reader would refuse, and so that sections may
 * point past the end of the file.
 *
 * <p>Input: byte 0 flags (1 big endian, 2 no section headers, 4 ELF32), then three 16-bit
 * little-endian numbers: the pclntab section's size (it starts at {@link #CONTROL}), the build
 * information section's offset and its size. The whole input is the file, one PT_LOAD maps it.
 */
class GoBinaryFuzzTest {
    static final int CONTROL = 8;
    private static final Set<String> NAMES = Set.of("main.main", "time.LoadLocation", "os.TempDir", "runtime.main");
    private static final Path FILE = temporaryFile();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5s")
    void anyBytesGiveAResultOrEmpty(byte[] input) throws IOException {
        Files.write(FILE, input);
        ElfFile elf = model(input);
        Optional<GoBinary> go = GoBinary.read(FILE, elf);
        go.ifPresent(binary -> {
            if (binary.functionNamesRead() == binary.functions().isEmpty()) {
                throw new AssertionError("functions read " + binary.functionNamesRead() + " but "
                        + binary.functions().size() + " names");
            }
            if (binary.notUnderstood().stream().anyMatch(String::isBlank)) {
                throw new AssertionError("a blank note: " + binary.notUnderstood());
            }
            GoRuntimeNeeds.of(binary).needs();
        });
    }

    /** Each layout, pointer size and byte order, found by section and by search: the seeds reach the end. */
    @Test
    void everySeedIsReadWhole() throws IOException {
        for (Arguments seed : seeds().toList()) {
            byte[] input = (byte[]) seed.get()[0];
            Files.write(FILE, input);
            GoBinary go = GoBinary.read(FILE, model(input)).orElseThrow();
            assertThat(go.functions()).as("flags %d", input[0]).isEqualTo(NAMES);
            assertThat(go.goVersion()).as("flags %d", input[0]).get().asString().startsWith("go1.");
            assertThat(go.dependencies()).hasSize(1);
            assertThat(go.notUnderstood()).isEmpty();
        }
    }

    static ElfFile model(byte[] input) {
        int flags = input.length > 0 ? input[0] : 0;
        ByteOrder order = (flags & 1) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean sections = (flags & 2) == 0;
        boolean is32 = (flags & 4) != 0;
        ByteBuffer control = ByteBuffer.wrap(input, 0, Math.min(input.length, CONTROL)).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        int pclntabSize = control.remaining() >= 3 ? control.getShort(1) & 0xffff : 0;
        int infoOffset = control.remaining() >= 5 ? control.getShort(3) & 0xffff : 0;
        int infoSize = control.remaining() >= 7 ? control.getShort(5) & 0xffff : 0;
        ElfHeader header = new ElfHeader(is32 ? ElfClass.ELF32 : ElfClass.ELF64, order, 0, ElfType.EXEC, 2, 62, 0,
                64, 0, 0, 56, 1, 64, 0, 0);
        List<ProgramHeader> segments = List.of(new ProgramHeader(SegmentType.LOAD, 1, ProgramHeader.PF_R, 0, 0x400000,
                input.length, input.length, 0x1000));
        List<Section> table = !sections ? List.of() : List.of(
                new Section("", 0, 0, 0, 0, 0),
                new Section(".gopclntab", 1, 2, 0x400000 + CONTROL, CONTROL, pclntabSize),
                new Section(BuildInfo.SECTION, 1, 3, 0x400000 + infoOffset, infoOffset, infoSize));
        return new ElfFile(FILE.toString(), input.length, header, segments, Optional.empty(), Optional.empty(),
                List.of(), table);
    }

    /**
     * Small files that pass every check: synthetic tables of each layout, pointer size and byte
     * order, with the build information of a real build behind them.
     */
    static Stream<Arguments> seeds() throws IOException {
        Path real = GoPrograms.build("replaced", GoPrograms.REPLACED, "app", List.of("-ldflags=-s -w -X main.suffix=!"),
                Map.of());
        Section info = GoTools.elf(real).section(BuildInfo.SECTION).orElseThrow();
        byte[] buildInfo = new byte[(int) info.size()];
        try (FileChannel channel = FileChannel.open(real)) {
            channel.read(ByteBuffer.wrap(buildInfo), info.offset());
        }
        List<byte[]> seeds = new ArrayList<>();
        for (long magic : new long[] {0xfffffff0L, 0xfffffff1L, 0xfffffffaL}) {
            for (int ptrSize : new int[] {4, 8}) {
                for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                    byte[] table = SyntheticPclntab.of(magic, ptrSize, order, new TreeSet<>(NAMES));
                    for (boolean sections : List.of(true, false)) {
                        int flags = (order == ByteOrder.BIG_ENDIAN ? 1 : 0) | (sections ? 0 : 2)
                                | (ptrSize == 4 ? 4 : 0);
                        seeds.add(seed(flags, table, buildInfo));
                    }
                }
            }
        }
        return seeds.stream().map(bytes -> Arguments.of((Object) bytes));
    }

    private static byte[] seed(int flags, byte[] table, byte[] buildInfo) {
        int infoOffset = CONTROL + table.length;
        ByteBuffer b = ByteBuffer.allocate(infoOffset + buildInfo.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) flags).putShort((short) table.length).putShort((short) infoOffset)
                .putShort((short) buildInfo.length).put((byte) 0);
        b.put(table).put(buildInfo);
        return b.array();
    }

    private static Path temporaryFile() {
        try {
            return FuzzWork.fresh("go-binary").resolve("fuzzed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
