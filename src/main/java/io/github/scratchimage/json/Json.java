package io.github.scratchimage.json;

import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin's one JSON writer, in two layouts: {@link #compact} for the documents whose bytes
 * are hashed (image config, manifests, OCI layout files), where any value it does not know is a
 * programming error, and {@link #pretty} for the report files people and pipelines read, where
 * Optional, null and enums (by name, lower case) are written too. Keys keep the map's iteration
 * order, so the same input gives the same bytes.
 */
public final class Json {
    private Json() {
    }

    /** No whitespace. Values: String, Number, Boolean, Map, Collection. */
    public static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, false).value(value, null);
        return out.toString();
    }

    /** Two-space indentation and a final newline, so report files diff well between builds. */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, true).value(value, "");
        return out.append('\n').toString();
    }

    /** {@code indent} is null in compact mode. */
    private record Writer(StringBuilder out, boolean report) {
        void value(Object value, String indent) {
            if (value instanceof String text) {
                string(text);
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Map<?, ?> map) {
                container('{', '}', map.entrySet().iterator(), indent);
            } else if (value instanceof Collection<?> list) {
                container('[', ']', list.iterator(), indent);
            } else if (report && value instanceof Optional<?> optional) {
                value(optional.orElse(null), indent);
            } else if (report && value == null) {
                out.append("null");
            } else if (report && value instanceof Enum<?> e) {
                string(e.name().toLowerCase(Locale.ROOT));
            } else if (report) {
                string(value.toString());
            } else {
                throw new IllegalArgumentException("not a JSON value: " + value);
            }
        }

        private void container(char open, char close, Iterator<?> items, String indent) {
            out.append(open);
            if (!items.hasNext()) {
                out.append(close);
                return;
            }
            String inner = indent == null ? null : indent + "  ";
            newline();
            while (items.hasNext()) {
                if (inner != null) {
                    out.append(inner);
                }
                Object item = items.next();
                if (item instanceof Map.Entry<?, ?> entry && open == '{') {
                    string(String.valueOf(entry.getKey()));
                    out.append(report ? ": " : ":");
                    value(entry.getValue(), inner);
                } else {
                    value(item, inner);
                }
                if (items.hasNext()) {
                    out.append(',');
                }
                newline();
            }
            if (indent != null) {
                out.append(indent);
            }
            out.append(close);
        }

        private void newline() {
            if (report) {
                out.append('\n');
            }
        }

        /** Appends {@code text} as a JSON string literal, quotes and escapes included. */
        private void string(String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
