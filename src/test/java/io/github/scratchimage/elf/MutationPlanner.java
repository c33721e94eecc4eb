package io.github.scratchimage.elf;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Chooses mutations where the reader looks: the ELF header, the program and section header
 * tables, and the tables the dynamic section points at. Random flips across a whole executable
 * would almost always land in machine code the reader never touches.
 */
final class MutationPlanner {
    private static final long[] BOUNDARY_VALUES = {
        0, 1, 2, 3, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0x100000000L,
        Long.MAX_VALUE, Long.MIN_VALUE, -1, -2, 1 << 16, 1 << 20, 1 << 30
    };

    /** A byte range holding headers or tables, as [start, end). */
    record Region(String what, int start, int end) {
    }

    private final byte[] original;
    private final ByteOrder order;
    private final List<Region> regions = new ArrayList<>();
    private final List<Integer> boundaries = new ArrayList<>();

    MutationPlanner(byte[] original, ElfFile elf) {
        this.original = original;
        this.order = elf.header().byteOrder();
        ElfHeader h = elf.header();
        boolean is64 = h.elfClass() == ElfClass.ELF64;
        addRegion("ELF header", 0, is64 ? 64 : 52);
        long phoff = h.programHeaderOffset();
        addRegion("program headers", phoff, phoff + (long) h.programHeaderCount() * h.programHeaderEntrySize());
        for (int i = 0; i <= h.programHeaderCount(); i++) {
            addBoundary(phoff + (long) i * h.programHeaderEntrySize());
        }
        for (ProgramHeader p : elf.programHeaders()) {
            addBoundary(p.offset());
            addBoundary(p.offset() + p.fileSize());
            if (p.type() == SegmentType.DYNAMIC || p.type() == SegmentType.INTERP || p.type() == SegmentType.NOTE) {
                addRegion("PT_" + p.type(), p.offset(), p.offset() + Math.min(p.fileSize(), 4096));
            }
        }
        long shoff = h.sectionHeaderOffset();
        addRegion("section headers", shoff, shoff + (long) h.sectionHeaderCount() * h.sectionHeaderEntrySize());
        for (Section s : elf.sections()) {
            if (List.of(".dynstr", ".dynsym", ".gnu.hash", ".hash", ".gnu.version_r", ".gnu.version_d",
                    ".shstrtab").contains(s.name())) {
                addRegion(s.name(), s.offset(), s.offset() + Math.min(s.size(), 4096));
            }
        }
    }

    ByteOrder order() {
        return order;
    }

    /** Truncations at every program header and segment boundary, and one byte either side. */
    List<Mutation> boundaryTruncations() {
        List<Mutation> result = new ArrayList<>();
        for (int at : boundaries) {
            for (int length = at - 1; length <= at + 1; length++) {
                if (length >= 0 && length < original.length) {
                    result.add(Mutation.truncate(length));
                }
            }
        }
        return result;
    }

    /** One to four mutations; a truncation, when chosen, comes last. */
    List<Mutation> randomMutations(Random random) {
        int count = 1 + random.nextInt(4);
        List<Mutation> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int choice = random.nextInt(10);
            if (choice < 3) {
                Region r = regions.get(random.nextInt(regions.size()));
                result.add(Mutation.flipBit(r.start() + random.nextInt(r.end() - r.start()), random.nextInt(8)));
            } else if (choice < 9) {
                result.add(overwriteField(random));
            } else {
                result.add(Mutation.truncate(random.nextInt(original.length)));
                break;
            }
        }
        return result;
    }

    private Mutation overwriteField(Random random) {
        Region r = regions.get(random.nextInt(regions.size()));
        int width = new int[] {2, 4, 4, 8}[random.nextInt(4)];
        int span = r.end() - r.start() - width;
        if (span < 0) {
            return Mutation.flipBit(r.start(), random.nextInt(8));
        }
        int offset = r.start() + (random.nextInt(span + 1) & -width); // fields are naturally aligned
        offset = Math.max(offset, r.start());
        long value = random.nextInt(4) == 0 ? random.nextLong()
                : random.nextInt(5) == 0 ? original.length + random.nextInt(3) - 1
                : BOUNDARY_VALUES[random.nextInt(BOUNDARY_VALUES.length)];
        return Mutation.overwrite(offset, width, value);
    }

    private void addRegion(String what, long start, long end) {
        if (start >= 0 && end > start && end <= original.length) {
            regions.add(new Region(what, (int) start, (int) end));
        }
    }

    private void addBoundary(long at) {
        if (at > 0 && at < original.length) {
            boundaries.add((int) at);
        }
    }
}
