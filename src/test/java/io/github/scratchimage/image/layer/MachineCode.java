package io.github.scratchimage.image.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Real executables' bytes, what layers are made of: Debian's /usr/bin, concatenated in name order. */
final class MachineCode {
    private MachineCode() {
    }

    static byte[] fromUsrBin(int bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes);
        List<Path> programs;
        try (Stream<Path> listing = Files.list(Path.of("/usr/bin"))) {
            programs = listing.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path program : programs) {
            if (out.size() >= bytes) {
                break;
            }
            try {
                byte[] content = Files.readAllBytes(program);
                if (content.length > 4 && content[0] == 0x7f && content[1] == 'E' && content[2] == 'L'
                        && content[3] == 'F') {
                    out.write(content, 0, Math.min(content.length, bytes - out.size()));
                }
            } catch (IOException e) {
                // unreadable to this user: another program will do
            }
        }
        if (out.size() < bytes) {
            throw new AssertionError("/usr/bin holds only " + out.size() + " bytes of ELF executables, the test needs "
                    + bytes + ": install the packages of scripts/install-test-tools.sh");
        }
        return out.toByteArray();
    }
}
