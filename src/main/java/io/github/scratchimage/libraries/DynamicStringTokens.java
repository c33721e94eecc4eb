package io.github.scratchimage.libraries;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the dynamic string tokens ld.so knows in run paths: {@code $ORIGIN}, {@code $LIB},
 * {@code $PLATFORM}, each also as {@code ${...}}. Other {@code $} text stays as written, as in ld.so.
 */
final class DynamicStringTokens {
    private static final Pattern TOKEN = Pattern.compile("\\$(?:\\{(ORIGIN|LIB|PLATFORM)}|(ORIGIN|LIB|PLATFORM)(?![A-Za-z0-9_]))");

    private DynamicStringTokens() {
    }

    static boolean mentionsOrigin(String entry) {
        return entry.contains("$ORIGIN") || entry.contains("${ORIGIN}");
    }

    static String expand(String entry, String origin, Architecture architecture) {
        Matcher m = TOKEN.matcher(entry);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1) != null ? m.group(1) : m.group(2);
            String value = switch (token) {
                case "ORIGIN" -> origin;
                case "LIB" -> architecture.libToken();
                default -> architecture.platform();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
