package io.github.scratchimage.purl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A package URL in its canonical form: {@code pkg:type/namespace/name@version?qualifiers}.
 * Every component is percent-encoded except letters, digits, {@code .-_~} and the colon, as
 * ECMA-427 (clause 5.4) requires: so {@code +} in a Debian version becomes {@code %2B} and a
 * {@code /} inside a qualifier value becomes {@code %2F}. Qualifiers with empty values are
 * dropped and the rest sorted by key, which makes equal packages give equal strings.
 */
public record PackageUrl(String type, List<String> namespace, String name, Optional<String> version,
        SortedMap<String, String> qualifiers) {

    public PackageUrl {
        Objects.requireNonNull(type, "type");
        if (!type.matches("[a-z][a-z0-9.-]*")) {
            throw new IllegalArgumentException("a purl type is lowercase letters, digits, '.' and '-',"
                    + " starting with a letter: '" + type + "'");
        }
        namespace = List.copyOf(namespace);
        for (String segment : namespace) {
            if (segment.isEmpty() || segment.contains("/")) {
                throw new IllegalArgumentException("a purl namespace segment is not empty and has no '/': "
                        + namespace);
            }
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a purl needs a name");
        }
        version = version.filter(v -> !v.isEmpty());
        TreeMap<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String> qualifier : qualifiers.entrySet()) {
            if (!qualifier.getKey().matches("[a-z][a-z0-9._-]*")) {
                throw new IllegalArgumentException("a purl qualifier key is lowercase letters, digits, '.', '-'"
                        + " and '_', starting with a letter: '" + qualifier.getKey() + "'");
            }
            if (qualifier.getValue() != null && !qualifier.getValue().isEmpty()) {
                kept.put(qualifier.getKey(), qualifier.getValue());
            }
        }
        qualifiers = java.util.Collections.unmodifiableSortedMap(kept);
    }

    /**
     * {@code pkg:deb/<vendor>/<name>@<version>?arch=..&distro=..}; vendor and name lowercased as
     * the deb type requires. {@code distro} may be empty (no os-release to name it).
     */
    public static PackageUrl deb(String vendor, String name, String version, String architecture,
            Optional<String> distro) {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        qualifiers.put("arch", architecture);
        distro.ifPresent(d -> qualifiers.put("distro", d));
        return new PackageUrl("deb", List.of(lower(vendor)), lower(name), Optional.of(version), qualifiers);
    }

    /**
     * {@code pkg:golang/<module path>@<version>}: the module path's last element is the name, the
     * ones before it the namespace, all lowercased as the golang type requires (so
     * {@code github.com/Azure/x} reads {@code github.com/azure/x}).
     */
    public static PackageUrl golang(String modulePath, String version) {
        List<String> segments = new ArrayList<>(List.of(lower(strip(modulePath)).split("/")));
        if (segments.size() < 2) {
            throw new IllegalArgumentException("a Go module path has a host and a name, like"
                    + " github.com/google/uuid: '" + modulePath + "'");
        }
        String name = segments.remove(segments.size() - 1);
        return new PackageUrl("golang", segments, name, Optional.of(version), new TreeMap<>());
    }

    /**
     * {@code pkg:oci/<name>@sha256:<hex>?repository_url=<repository>&tag=<tag>}: the name is the
     * repository's last element, lowercased; {@code repository} is where the image was pushed
     * ({@code registry.example.com/team/app}), {@code tag} may be empty.
     */
    public static PackageUrl oci(String repository, String digest, Optional<String> tag) {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an image digest is sha256: and 64 lowercase hex digits: '"
                    + digest + "'");
        }
        String stripped = strip(repository);
        String name = lower(stripped.substring(stripped.lastIndexOf('/') + 1));
        TreeMap<String, String> qualifiers = new TreeMap<>();
        qualifiers.put("repository_url", stripped);
        tag.ifPresent(t -> qualifiers.put("tag", t));
        return new PackageUrl("oci", List.of(), name, Optional.of(digest), qualifiers);
    }

    @Override
    public String toString() {
        StringBuilder purl = new StringBuilder("pkg:").append(type).append('/');
        for (String segment : namespace) {
            purl.append(encode(segment)).append('/');
        }
        purl.append(encode(name));
        version.ifPresent(v -> purl.append('@').append(encode(v)));
        String separator = "?";
        for (Map.Entry<String, String> qualifier : qualifiers.entrySet()) {
            purl.append(separator).append(qualifier.getKey()).append('=').append(encode(qualifier.getValue()));
            separator = "&";
        }
        return purl.toString();
    }

    /** Percent-encodes every UTF-8 octet outside ECMA-427's allowed set (and not a colon). */
    static String encode(String component) {
        StringBuilder encoded = new StringBuilder(component.length());
        for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == '~' || c == ':') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String strip(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
