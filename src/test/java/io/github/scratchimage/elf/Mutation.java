package io.github.scratchimage.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One edit of an executable's bytes; {@link #toString()} is precise enough to redo it by hand.
 * Applied in place and undone afterwards, so a fuzz run does not copy a 1 MB file per variant.
 */
record Mutation(Kind kind, int offset, int width, long value) {
    enum Kind { FLIP_BIT, OVERWRITE, TRUNCATE }

    static Mutation flipBit(int offset, int bit) {
        return new Mutation(Kind.FLIP_BIT, offset, 1, bit);
    }

    static Mutation overwrite(int offset, int width, long value) {
        return new Mutation(Kind.OVERWRITE, offset, width, value);
    }

    static Mutation truncate(int length) {
        return new Mutation(Kind.TRUNCATE, length, 0, 0);
    }

    /** Applies the edit and returns the bytes it replaced, for {@link #undo}. */
    byte[] apply(byte[] bytes, ByteOrder order) {
        if (kind == Kind.TRUNCATE || offset + width > bytes.length) {
            return new byte[0];
        }
        byte[] saved = Arrays.copyOfRange(bytes, offset, offset + width);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        switch (kind) {
            case FLIP_BIT -> bytes[offset] ^= (byte) (1 << value);
            case OVERWRITE -> {
                switch (width) {
                    case 1 -> b.put(offset, (byte) value);
                    case 2 -> b.putShort(offset, (short) value);
                    case 4 -> b.putInt(offset, (int) value);
                    default -> b.putLong(offset, value);
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return saved;
    }

    void undo(byte[] bytes, byte[] saved) {
        System.arraycopy(saved, 0, bytes, offset, saved.length);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FLIP_BIT -> "flip bit " + value + " of byte 0x" + Integer.toHexString(offset);
            case OVERWRITE -> "write " + width + " bytes 0x" + Long.toHexString(value) + " at 0x" + Integer.toHexString(offset);
            case TRUNCATE -> "truncate to " + offset + " bytes";
        };
    }
}
