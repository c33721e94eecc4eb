package io.github.scratchimage.dpkg;

import java.util.Objects;

/**
 * One field of a Debian control stanza. {@code value} is the text after the colon with its
 * continuation lines kept as written (each after a {@code \n}, with its leading space), so a
 * stanza written back reads as dpkg wrote it.
 */
public record ControlField(String name, String value) {

    public ControlField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The field as it appears in a control file, with its final newline. */
    String render() {
        return value.isEmpty() || value.startsWith("\n")
                ? name + ":" + value + "\n"
                : name + ": " + value + "\n";
    }
}
