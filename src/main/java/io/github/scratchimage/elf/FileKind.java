package io.github.scratchimage.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Names what a non-ELF file looks like, so the error says "a shell script" rather than just "bad magic". */
final class FileKind {
    private FileKind() {
    }

    static String describe(ByteBuffer head) {
        byte[] b = new byte[Math.min(head.remaining(), 16)];
        head.duplicate().get(b);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        String kind;
        if (text.startsWith("#!")) {
            kind = "a script (starts with \"#!\"), not a compiled executable";
        } else if (text.startsWith("PK\u0003\u0004")) {
            kind = "a zip or jar archive, not a native executable";
        } else if (text.startsWith("\u00ca\u00fe\u00ba\u00be")) {
            kind = "a Java class or Mach-O universal file";
        } else if (text.startsWith("MZ")) {
            kind = "a Windows PE executable";
        } else if (b.length >= 4 && (b[0] & 0xff) == 0xcf && (b[1] & 0xff) == 0xfa && (b[2] & 0xff) == 0xed) {
            kind = "a Mach-O (macOS) executable";
        } else {
            kind = "no ELF magic (7f 45 4c 46)";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 4); i++) {
            hex.append(String.format("%02x ", b[i] & 0xff));
        }
        return kind + "; first bytes " + hex.toString().trim();
    }
}
