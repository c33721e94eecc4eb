package io.github.scratchimage.dpkg;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A sysroot's {@code os-release}: {@code ID}, {@code VERSION_ID} and the rest of its
 * {@code KEY=value} lines, quotes and backslash escapes undone as os-release(5) describes.
 */
public record OsRelease(Map<String, String> values) {

    public OsRelease {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** {@code ID}, such as {@code debian}; os-release(5) says {@code linux} when the file has none. */
    public String id() {
        return values.getOrDefault("ID", "linux");
    }

    public Optional<String> versionId() {
        return Optional.ofNullable(values.get("VERSION_ID"));
    }

    /** {@code debian-12}: the purl {@code distro} qualifier; empty without a {@code VERSION_ID} (sid). */
    public Optional<String> distro() {
        return versionId().map(version -> id() + "-" + version);
    }

    static OsRelease parse(Path file, byte[] content) throws DpkgFormatException {
        Map<String, String> values = new TreeMap<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || !line.substring(0, equals).matches("[A-Za-z0-9_]+")) {
                throw new DpkgFormatException(file, i + 1, "expected KEY=value as os-release(5) describes;"
                        + " found '" + line + "'");
            }
            values.put(line.substring(0, equals), unquote(line.substring(equals + 1)));
        }
        return new OsRelease(values);
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
                && raw.charAt(raw.length() - 1) == raw.charAt(0)) {
            String inner = raw.substring(1, raw.length() - 1);
            if (raw.charAt(0) == '\'') {
                return inner;
            }
            StringBuilder value = new StringBuilder(inner.length());
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    c = inner.charAt(++i);
                }
                value.append(c);
            }
            return value.toString();
        }
        return raw;
    }
}
