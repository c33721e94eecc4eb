package io.github.scratchimage.sbom;

import io.github.scratchimage.purl.PackageUrl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Evidence;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.evidence.Occurrence;

/**
 * The CycloneDX components of one image and the graph between them, in an order that depends on
 * the content only: the executable, the operating system, its packages and the Go modules by
 * purl, then the other files by path. Files are {@code file:<path>}, packages and modules their
 * purl, the image its {@code pkg:oci} purl.
 */
final class SbomComponents {
    /** Names the properties this plugin adds, as CycloneDX asks: a namespace, then the name. */
    static final String PROPERTY_PREFIX = "scratchimage:";

    private final Component image;
    private final List<Component> components = new ArrayList<>();
    private final Map<String, Set<String>> graph = new TreeMap<>();

    SbomComponents(SbomInput input, Map<String, ImageFile> files) {
        image = image(input.image());
        ExecutableFacts executable = input.executable();
        Component program = executable(executable, files.get(executable.path()));
        components.add(program);
        Set<String> imageNeeds = needs(image.getBomRef());
        imageNeeds.add(program.getBomRef());
        Set<String> programNeeds = needs(program.getBomRef());

        input.operatingSystem().ifPresent(os -> {
            Component component = component(Component.Type.OPERATING_SYSTEM, "os:" + os.id() + "-" + os.versionId(),
                    os.id());
            component.setVersion(os.versionId());
            components.add(component);
            imageNeeds.add(component.getBomRef());
            List<OsPackage> packages = new ArrayList<>(input.osPackages());
            packages.sort(Comparator.comparing(OsPackage::purl));
            for (OsPackage pkg : packages) {
                components.add(osPackage(pkg));
                needs(component.getBomRef()).add(pkg.purl());
            }
        });

        Map<String, GoModule> modules = new TreeMap<>();
        input.goModules().forEach(m -> modules.put(PackageUrl.golang(m.path(), m.version()).toString(), m));
        modules.forEach((purl, module) -> {
            Component component = component(Component.Type.LIBRARY, purl, module.path());
            component.setVersion(module.version());
            component.setPurl(purl);
            components.add(component);
            programNeeds.add(purl); // a Go module is compiled into the executable
        });

        files.values().stream().filter(file -> !file.path().equals(executable.path()))
                .forEach(file -> components.add(file(Component.Type.FILE, file)));
        for (FileDependency dependency : input.dependencies()) {
            Set<String> needs = needs(fileRef(dependency.path()));
            dependency.needs().forEach(need -> needs.add(fileRef(need)));
        }
        requireUniqueRefs();
    }

    /** The container component the SBOM is about, for the metadata. */
    Component image() {
        return image;
    }

    List<Component> components() {
        return components;
    }

    /** Each component with what it needs, both sorted. */
    List<Dependency> dependencies() {
        List<Dependency> dependencies = new ArrayList<>();
        graph.forEach((ref, needs) -> {
            Dependency dependency = new Dependency(ref);
            needs.forEach(need -> dependency.addDependency(new Dependency(need)));
            dependencies.add(dependency);
        });
        return dependencies;
    }

    static String fileRef(String path) {
        return "file:" + path;
    }

    private Set<String> needs(String ref) {
        return graph.computeIfAbsent(ref, r -> new TreeSet<>());
    }

    private static Component image(ImageIdentity identity) {
        String purl = PackageUrl.oci(identity.name(), identity.manifestDigest(), identity.version()).toString();
        Component image = component(Component.Type.CONTAINER, purl, identity.name());
        identity.version().ifPresent(image::setVersion);
        image.setPurl(purl);
        image.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256,
                identity.manifestDigest().substring("sha256:".length()))));
        return image;
    }

    private static Component executable(ExecutableFacts executable, ImageFile file) {
        Component program = file(Component.Type.APPLICATION, file);
        program.setName(executable.name());
        List<Property> properties = new ArrayList<>();
        properties.add(property("file:path", executable.path()));
        properties.add(property("elf:architecture", executable.architecture()));
        properties.add(property("elf:linkage", executable.linkage()));
        properties.add(property("elf:libc", executable.libc()));
        executable.buildId().ifPresent(id -> properties.add(property("elf:build-id", id)));
        program.setProperties(properties);
        return program;
    }

    /** A package with, as evidence, where its files lie in the image. */
    private static Component osPackage(OsPackage pkg) {
        Component component = component(Component.Type.LIBRARY, pkg.purl(), pkg.name());
        component.setVersion(pkg.version());
        component.setPurl(pkg.purl());
        if (!pkg.files().isEmpty()) {
            Evidence evidence = new Evidence();
            for (String file : new TreeSet<>(pkg.files())) {
                Occurrence occurrence = new Occurrence();
                occurrence.setLocation(file);
                evidence.addOccurrence(occurrence);
            }
            component.setEvidence(evidence);
        }
        return component;
    }

    private static Component file(Component.Type type, ImageFile file) {
        Component component = component(type, fileRef(file.path()), file.path());
        component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, file.sha256())));
        return component;
    }

    private static Component component(Component.Type type, String ref, String name) {
        Component component = new Component();
        component.setType(type);
        component.setBomRef(ref);
        component.setName(name);
        return component;
    }

    private static Property property(String name, String value) {
        return new Property(PROPERTY_PREFIX + name, value);
    }

    private void requireUniqueRefs() {
        Set<String> refs = new HashSet<>();
        refs.add(image.getBomRef());
        for (Component component : components) {
            if (!refs.add(component.getBomRef())) {
                throw new IllegalArgumentException("two components of the SBOM are both " + component.getBomRef()
                        + "; list each package and module once");
            }
        }
    }
}
