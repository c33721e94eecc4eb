package io.github.scratchimage.elf;

/** {@code p_type} values the analysis cares about; everything else is {@link #OTHER}. */
public enum SegmentType {
    NULL(0), LOAD(1), DYNAMIC(2), INTERP(3), NOTE(4), SHLIB(5), PHDR(6), TLS(7),
    GNU_EH_FRAME(0x6474e550L), GNU_STACK(0x6474e551L), GNU_RELRO(0x6474e552L), GNU_PROPERTY(0x6474e553L),
    OTHER(-1);

    private final long value;

    SegmentType(long value) {
        this.value = value;
    }

    static SegmentType of(long pType) {
        for (SegmentType t : values()) {
            if (t.value == pType) {
                return t;
            }
        }
        return OTHER;
    }
}
