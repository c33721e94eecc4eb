package io.github.scratchimage.elf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users actually point the plugin at by mistake: the error must name the file and say what
 * it is, so "not an ELF file" is actionable without a hex dump.
 */
class ElfReaderNonElfInputTest {
    @TempDir
    Path dir;

    @Test
    void shellScriptIsNamedAsAScript() throws Exception {
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\nexec java -jar app.jar\n");

        assertThatThrownBy(() -> ElfReader.read(script))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining(script.toString())
                .hasMessageContaining("not an ELF file")
                .hasMessageContaining("a script")
                .hasMessageContaining("offset 0");
    }

    @Test
    void jarIsNamedAsAZipOrJar() throws Exception {
        Path jar = dir.resolve("app.jar");
        Files.write(jar, zipWithOneEntry());

        assertThatThrownBy(() -> ElfReader.read(jar))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("zip or jar")
                .hasMessageContaining("50 4b 03 04");
    }

    @Test
    void emptyFileIsTooShort() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));

        assertThatThrownBy(() -> ElfReader.read(empty))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("only 0 bytes");
    }

    @Test
    void tenByteFileIsTooShortEvenWithElfMagic() throws Exception {
        Path tiny = Files.write(dir.resolve("tiny"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});

        assertThatThrownBy(() -> ElfReader.read(tiny))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining(tiny.toString())
                .hasMessageContaining("only 10 bytes")
                .hasMessageContaining("ELF identification");
    }

    @Test
    void elfIdentificationWithoutAFullHeaderIsTruncated() {
        byte[] identOnly = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0};

        assertThatThrownBy(() -> ElfReader.read("short.elf", identOnly))
                .isInstanceOf(ElfFormatException.class)
                .hasMessageContaining("short.elf")
                .hasMessageContaining("ELF header needs 64 bytes")
                .hasMessageContaining("offset");
    }

    private static byte[] zipWithOneEntry() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
