package io.github.scratchimage.dpkg;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An installed package as the dpkg status file records it. {@code source} is the source package
 * when it differs from the binary one, {@code sourceVersion} the source version when the
 * {@code Source} field names one in parentheses ({@code Source: bash (5.2.15-2)}, for binNMUs
 * and packages whose version differs from their source's). {@code fields} is the whole stanza in
 * its order.
 */
public record DebianPackage(String name, String version, String architecture, Optional<String> source,
        Optional<String> sourceVersion, String status, List<ControlField> fields) {

    public DebianPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceVersion, "sourceVersion");
        Objects.requireNonNull(status, "status");
        fields = List.copyOf(fields);
    }

    /** {@code name:architecture}, how dpkg names a package that may be installed for several architectures. */
    public String qualifiedName() {
        return name + ":" + architecture;
    }

    /** A field of the stanza by name, as dpkg compares names: ignoring case. */
    public Optional<String> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(fieldName)).map(ControlField::value).findFirst();
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + architecture + ")";
    }
}
