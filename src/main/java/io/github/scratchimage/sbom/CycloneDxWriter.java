package io.github.scratchimage.sbom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * Writes an image's SBOM as CycloneDX 1.6 JSON. The bytes depend on the input only: the
 * timestamp is the caller's, components and dependencies are sorted whatever order they came
 * in, and the serial number is a name-based UUID of the rest of the document, so a rebuild of
 * the same image writes the same SBOM and a different image gets a different serial number.
 */
public final class CycloneDxWriter {
    /** The namespace of the serial numbers' version-5 UUIDs: any fixed UUID would do, it must never change. */
    private static final UUID SERIAL_NAMESPACE = UUID.fromString("9a3c5e0e-6f3b-4d5e-8a51-2f0d6c1b7e42");

    private CycloneDxWriter() {
    }

    public static byte[] write(SbomInput input) {
        Map<String, ImageFile> files = filesByPath(input.files());
        require(files, input.executable().path(), "the executable");
        for (FileDependency dependency : input.dependencies()) {
            require(files, dependency.path(), "a file with dependencies");
            dependency.needs().forEach(need -> require(files, need, "a dependency of " + dependency.path()));
        }
        for (OsPackage pkg : input.osPackages()) {
            pkg.files().forEach(file -> require(files, file, "a file of package " + pkg.name()));
        }
        if (!input.osPackages().isEmpty() && input.operatingSystem().isEmpty()) {
            throw new IllegalArgumentException("the SBOM lists distribution packages but no operating system;"
                    + " pass the sysroot's os-release ID and VERSION_ID so scanners know whose advisories apply");
        }

        SbomComponents components = new SbomComponents(input, files);
        Bom bom = new Bom();
        bom.setMetadata(metadata(input, components.image()));
        bom.setComponents(components.components());
        bom.setDependencies(components.dependencies());
        String unnumbered = json(bom);
        bom.setSerialNumber("urn:uuid:" + nameUuid(SERIAL_NAMESPACE, unnumbered.getBytes(StandardCharsets.UTF_8)));
        return json(bom).getBytes(StandardCharsets.UTF_8);
    }

    private static Metadata metadata(SbomInput input, Component image) {
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(input.timestamp()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName(input.tool().name());
        tool.setVersion(input.tool().version());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        metadata.setComponent(image);
        return metadata;
    }

    private static Map<String, ImageFile> filesByPath(List<ImageFile> files) {
        Map<String, ImageFile> byPath = new TreeMap<>();
        for (ImageFile file : files) {
            ImageFile earlier = byPath.putIfAbsent(file.path(), file);
            if (earlier != null && !earlier.equals(file)) {
                throw new IllegalArgumentException("the image file " + file.path() + " is listed twice with"
                        + " different SHA-256s (" + earlier.sha256() + ", " + file.sha256() + ")");
            }
        }
        return byPath;
    }

    private static void require(Map<String, ImageFile> files, String path, String what) {
        if (!files.containsKey(path)) {
            throw new IllegalArgumentException(what + " " + path + " is not among the image files;"
                    + " list every regular file of the image, with its SHA-256");
        }
    }

    private static String json(Bom bom) {
        try {
            // Jackson's pretty printer ends lines with the platform's separator; JSON escapes a CR
            // inside strings, so every raw CR is the printer's and the bytes become the same everywhere
            return new BomJsonGenerator(bom, Version.VERSION_16).toJsonString(true).replace("\r\n", "\n");
        } catch (GeneratorException e) {
            throw new IllegalStateException("CycloneDX could not serialize the SBOM", e);
        }
    }

    /** RFC 4122 version 5: SHA-1 of namespace and name, with the version and variant bits set. */
    static UUID nameUuid(UUID namespace, byte[] name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
