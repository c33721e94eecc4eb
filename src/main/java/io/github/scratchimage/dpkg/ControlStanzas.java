package io.github.scratchimage.dpkg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the deb822 stanzas of a dpkg status file: {@code Field: value} lines, continuation lines
 * that start with a space or a tab, stanzas separated by blank lines.
 */
final class ControlStanzas {
    /** One stanza and the line it starts on, for messages about it. */
    record Stanza(int line, List<ControlField> fields) {
        Stanza {
            fields = List.copyOf(fields);
        }

        String value(String name) {
            for (ControlField field : fields) {
                if (field.name().equalsIgnoreCase(name)) {
                    return field.value();
                }
            }
            return null;
        }
    }

    private ControlStanzas() {
    }

    static List<Stanza> parse(Path file, String text) throws DpkgFormatException {
        List<Stanza> stanzas = new ArrayList<>();
        List<ControlField> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isBlank()) {
                if (name != null) {
                    fields.add(new ControlField(name, value.toString()));
                    stanzas.add(new Stanza(start, fields));
                    fields = new ArrayList<>();
                    name = null;
                }
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (name == null) {
                    throw new DpkgFormatException(file, number, "a continuation line (starting with a space) with no"
                            + " field before it: '" + line.strip() + "'");
                }
                value.append('\n').append(line.stripTrailing());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).chars().anyMatch(c -> c <= ' ')) {
                throw new DpkgFormatException(file, number, "expected 'Field: value', a continuation line starting"
                        + " with a space, or a blank line between packages; found '" + line + "'");
            }
            if (name == null) {
                start = number;
            } else {
                fields.add(new ControlField(name, value.toString()));
            }
            name = line.substring(0, colon);
            value.setLength(0);
            value.append(line.substring(colon + 1).strip());
        }
        if (name != null) {
            fields.add(new ControlField(name, value.toString()));
            stanzas.add(new Stanza(start, fields));
        }
        return stanzas;
    }
}
