package io.github.scratchimage.elf;

/** One program header ({@code p_type}, {@code p_flags}, {@code p_offset}, ...). */
public record ProgramHeader(
        SegmentType type, long rawType, int flags, long offset, long virtualAddress,
        long fileSize, long memorySize, long align) {

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean executable() {
        return (flags & PF_X) != 0;
    }

    public boolean writable() {
        return (flags & PF_W) != 0;
    }

    /** Whether the virtual address lies in the part of this segment that is backed by the file. */
    boolean containsFileBacked(long address) {
        return Long.compareUnsigned(address, virtualAddress) >= 0
                && Long.compareUnsigned(address - virtualAddress, fileSize) < 0;
    }
}
