package io.github.scratchimage.maven;

import io.github.scratchimage.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code scratch.container.*} properties, parsed as jib-maven-plugin parses its
 * {@code jib.container.*}: lists are comma-separated ({@code \,} is a comma inside an item), maps
 * are {@code key=value} items (split at the first {@code =}). A set property replaces the POM's
 * value as a whole, as Jib's do; an unset or blank one leaves it.
 */
final class ContainerProperties {
    private ContainerProperties() {
    }

    static List<String> list(String property, List<String> pomValue) {
        return isSet(property) ? split(property) : pomValue;
    }

    static String value(String property, String pomValue) {
        return isSet(property) ? property.trim() : pomValue;
    }

    static Map<String, String> map(String name, String property, Map<String, String> pomValue)
            throws InvalidInputException {
        if (!isSet(property)) {
            return pomValue;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String item : split(property)) {
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException(name + " has '" + item + "'; write key=value pairs separated by"
                        + " commas, as -D" + name + "=key1=value1,key2=value2 (\\, for a comma in a value)");
            }
            map.put(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
        }
        return map;
    }

    private static boolean isSet(String property) {
        return property != null && !property.isBlank();
    }

    /** Split at each comma not preceded by a backslash; {@code \,} becomes a comma; items trimmed, empty ones dropped. */
    static List<String> split(String property) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            if (c == '\\' && i + 1 < property.length() && property.charAt(i + 1) == ',') {
                item.append(',');
                i++;
            } else if (c == ',') {
                add(items, item);
            } else {
                item.append(c);
            }
        }
        add(items, item);
        return items;
    }

    private static void add(List<String> items, StringBuilder item) {
        String trimmed = item.toString().trim();
        if (!trimmed.isEmpty()) {
            items.add(trimmed);
        }
        item.setLength(0);
    }
}
