package io.github.scratchimage.analysis.golang;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A pclntab laid out as the Go runtime's symtab.go describes it, holding only what the reader
 * looks at (header, function name table, function table, each function's entry and name
 * offset), for layouts no toolchain at hand produces and for small fuzzing seeds.
 */
final class SyntheticPclntab {
    private SyntheticPclntab() {
    }

    /** {@code magic} 0xfffffffa (Go 1.16: no textStart, pointer-sized table entries) or 0xfffffff0/1. */
    static byte[] of(long magic, int ptrSize, ByteOrder order, Set<String> names) {
        boolean go118 = magic != 0xfffffffaL;
        int words = go118 ? 8 : 7;
        int header = 8 + words * ptrSize;
        ByteBuffer nameTable = ByteBuffer.allocate(names.stream().mapToInt(n -> n.length() + 1).sum());
        List<Integer> nameOffsets = new ArrayList<>();
        for (String name : names) {
            nameOffsets.add(nameTable.position());
            nameTable.put(name.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        }
        long funcnameOffset = header;
        long cuOffset = funcnameOffset + nameTable.capacity();
        long filetabOffset = cuOffset + 4;
        long pctabOffset = filetabOffset + 1;
        long pclnOffset = pctabOffset + 1;
        int entrySize = go118 ? 8 : 2 * ptrSize;
        int functab = (names.size() + 1) * entrySize;
        int funcSize = entrySize / 2 + 8; // entry, nameoff, and the int32 after it
        ByteBuffer b = ByteBuffer.allocate((int) pclnOffset + functab + names.size() * funcSize).order(order);
        b.putInt((int) magic).put((byte) 0).put((byte) 0).put((byte) 1).put((byte) ptrSize);
        List<Long> fields = new ArrayList<>(List.of((long) names.size(), 1L));
        if (go118) {
            fields.add(0x401000L); // textStart
        }
        fields.addAll(List.of(funcnameOffset, cuOffset, filetabOffset, pctabOffset, pclnOffset));
        fields.forEach(value -> word(b, ptrSize, value));
        b.put(nameTable.array());
        b.position((int) pclnOffset);
        for (int i = 0; i <= names.size(); i++) {
            long funcOffset = i < names.size() ? functab + (long) i * funcSize : 0;
            if (go118) {
                b.putInt(16 * i).putInt((int) funcOffset);
            } else {
                word(b, ptrSize, 0x401000L + 16L * i);
                word(b, ptrSize, funcOffset);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            if (go118) {
                b.putInt(16 * i);
            } else {
                word(b, ptrSize, 0x401000L + 16L * i);
            }
            b.putInt(nameOffsets.get(i)).putInt(0);
        }
        return b.array();
    }

    private static void word(ByteBuffer b, int ptrSize, long value) {
        if (ptrSize == 8) {
            b.putLong(value);
        } else {
            b.putInt((int) value);
        }
    }
}
