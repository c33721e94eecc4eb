package io.github.scratchimage.sbom;

import io.github.scratchimage.purl.PackageUrl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Evidence;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.evidence.Occurrence;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * Writes an image's SBOM as CycloneDX 1.6 JSON. The bytes depend on the input only: the
 * timestamp is the caller's, components and dependencies are sorted whatever order they came
 * in, and the serial number is a name-based UUID of the rest of the document, so a rebuild of
 * the same image writes the same SBOM (and a different image a different serial number).
 */
public final class CycloneDxWriter {
    /** Names the properties this plugin adds, as CycloneDX asks: a namespace, then the name. */
    static final String PROPERTY_PREFIX = "scratchimage:";
    /** The namespace of the serial numbers' version-5 UUIDs; any fixed UUID would do, it must never change. */
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

        Bom bom = new Bom();
        bom.setMetadata(metadata(input));
        Components components = new Components(input);
        bom.setComponents(components.list);
        bom.setDependencies(dependencies(input, components));

        String unnumbered = json(bom);
        bom.setSerialNumber("urn:uuid:" + nameUuid(SERIAL_NAMESPACE, unnumbered.getBytes(StandardCharsets.UTF_8)));
        return json(bom).getBytes(StandardCharsets.UTF_8);
    }

    private static Metadata metadata(SbomInput input) {
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(input.timestamp()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName(input.tool().name());
        tool.setVersion(input.tool().version());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);

        ImageIdentity image = input.image();
        Component subject = new Component();
        subject.setType(Component.Type.CONTAINER);
        String purl = PackageUrl.oci(image.name(), image.manifestDigest(), image.version()).toString();
        subject.setBomRef(purl);
        subject.setName(image.name());
        image.version().ifPresent(subject::setVersion);
        subject.setPurl(purl);
        subject.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, image.manifestDigest().substring("sha256:".length()))));
        metadata.setComponent(subject);
        return metadata;
    }

    /** The components in a fixed order: the executable, the OS, its packages, Go modules, then every file. */
    private static final class Components {
        final List<Component> list = new ArrayList<>();
        final String imageRef;
        final String executableRef;
        String osRef;
        final List<String> packageRefs = new ArrayList<>();
        final List<String> moduleRefs = new ArrayList<>();

        Components(SbomInput input) {
            imageRef = PackageUrl.oci(input.image().name(), input.image().manifestDigest(), input.image().version())
                    .toString();
            Map<String, ImageFile> files = filesByPath(input.files());
            ExecutableFacts executable = input.executable();
            Component program = fileComponent(Component.Type.APPLICATION, files.get(executable.path()));
            program.setName(executable.name());
            List<Property> properties = new ArrayList<>();
            properties.add(property("file:path", executable.path()));
            properties.add(property("elf:architecture", executable.architecture()));
            properties.add(property("elf:linkage", executable.linkage()));
            properties.add(property("elf:libc", executable.libc()));
            executable.buildId().ifPresent(id -> properties.add(property("elf:build-id", id)));
            program.setProperties(properties);
            executableRef = program.getBomRef();
            list.add(program);

            input.operatingSystem().ifPresent(os -> {
                Component component = new Component();
                component.setType(Component.Type.OPERATING_SYSTEM);
                osRef = "os:" + os.id() + "-" + os.versionId();
                component.setBomRef(osRef);
                component.setName(os.id());
                component.setVersion(os.versionId());
                list.add(component);
            });

            List<OsPackage> packages = new ArrayList<>(input.osPackages());
            packages.sort(Comparator.comparing(OsPackage::purl));
            for (OsPackage pkg : packages) {
                Component component = new Component();
                component.setType(Component.Type.LIBRARY);
                component.setBomRef(pkg.purl());
                component.setName(pkg.name());
                component.setVersion(pkg.version());
                component.setPurl(pkg.purl());
                Evidence evidence = new Evidence();
                for (String file : new TreeSet<>(pkg.files())) {
                    Occurrence occurrence = new Occurrence();
                    occurrence.setLocation(file);
                    evidence.addOccurrence(occurrence);
                }
                if (evidence.getOccurrences() != null) {
                    component.setEvidence(evidence);
                }
                list.add(component);
                packageRefs.add(pkg.purl());
            }

            Map<String, GoModule> modules = new TreeMap<>();
            for (GoModule module : input.goModules()) {
                modules.put(PackageUrl.golang(module.path(), module.version()).toString(), module);
            }
            modules.forEach((purl, module) -> {
                Component component = new Component();
                component.setType(Component.Type.LIBRARY);
                component.setBomRef(purl);
                component.setName(module.path());
                component.setVersion(module.version());
                component.setPurl(purl);
                list.add(component);
                moduleRefs.add(purl);
            });

            files.values().stream().filter(file -> !file.path().equals(executable.path()))
                    .forEach(file -> list.add(fileComponent(Component.Type.FILE, file)));

            Set<String> refs = new HashSet<>();
            for (Component component : list) {
                if (!refs.add(component.getBomRef())) {
                    throw new IllegalArgumentException("two components of the SBOM are both " + component.getBomRef()
                            + "; list each package and module once");
                }
            }
        }
    }

    private static List<Dependency> dependencies(SbomInput input, Components components) {
        Map<String, Set<String>> graph = new TreeMap<>();
        Set<String> imageNeeds = graph.computeIfAbsent(components.imageRef, ref -> new TreeSet<>());
        imageNeeds.add(components.executableRef);
        Set<String> executableNeeds = graph.computeIfAbsent(components.executableRef, ref -> new TreeSet<>());
        executableNeeds.addAll(components.moduleRefs); // Go modules are compiled into the executable
        if (components.osRef != null) {
            imageNeeds.add(components.osRef);
            graph.computeIfAbsent(components.osRef, ref -> new TreeSet<>()).addAll(components.packageRefs);
        }
        for (FileDependency dependency : input.dependencies()) {
            Set<String> needs = graph.computeIfAbsent(fileRef(dependency.path()), ref -> new TreeSet<>());
            dependency.needs().forEach(need -> needs.add(fileRef(need)));
        }
        List<Dependency> dependencies = new ArrayList<>();
        graph.forEach((ref, needs) -> {
            Dependency dependency = new Dependency(ref);
            needs.forEach(need -> dependency.addDependency(new Dependency(need)));
            dependencies.add(dependency);
        });
        return dependencies;
    }

    private static Component fileComponent(Component.Type type, ImageFile file) {
        Component component = new Component();
        component.setType(type);
        component.setBomRef(fileRef(file.path()));
        component.setName(file.path());
        component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, file.sha256())));
        return component;
    }

    static String fileRef(String path) {
        return "file:" + path;
    }

    private static Property property(String name, String value) {
        return new Property(PROPERTY_PREFIX + name, value);
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

    /** RFC 4122 version 5: SHA-1 of namespace and name, the version and variant bits set. */
    static UUID nameUuid(UUID namespace, byte[] name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        java.nio.ByteBuffer namespaceBytes = java.nio.ByteBuffer.allocate(16);
        namespaceBytes.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(namespaceBytes.array());
        byte[] hash = sha1.digest(name);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer bits = java.nio.ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
