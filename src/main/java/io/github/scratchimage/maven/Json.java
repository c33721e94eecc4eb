package io.github.scratchimage.maven;

import io.github.scratchimage.json.JsonText;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal JSON writer for the plugin's report files: keys in insertion order, stable output so
 * the files can be diffed between builds. Values: String, Number, Boolean, null, Optional,
 * Map, Collection, and enums (written by name, lower case).
 */
public final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value instanceof Optional<?> optional) {
            write(optional.orElse(null), out, indent);
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Enum<?> e) {
            JsonText.string(e.name().toLowerCase(java.util.Locale.ROOT), out);
        } else if (value instanceof Map<?, ?> map) {
            object(map, out, indent);
        } else if (value instanceof Collection<?> list) {
            array(list, out, indent);
        } else {
            JsonText.string(value.toString(), out);
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out, String indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + "  ";
        out.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            out.append(inner);
            JsonText.string(String.valueOf(e.getKey()), out);
            out.append(": ");
            write(e.getValue(), out, inner);
            out.append(it.hasNext() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private static void array(Collection<?> list, StringBuilder out, String indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        String inner = indent + "  ";
        out.append("[\n");
        Iterator<?> it = list.iterator();
        while (it.hasNext()) {
            out.append(inner);
            write(it.next(), out, inner);
            out.append(it.hasNext() ? ",\n" : "\n");
        }
        out.append(indent).append(']');
    }
}
