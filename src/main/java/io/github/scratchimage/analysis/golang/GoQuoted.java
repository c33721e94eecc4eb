package io.github.scratchimage.analysis.golang;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Go string literals as {@code strconv.Quote} writes them: the go command quotes a build setting
 * whose value has spaces or quotes ({@code -ldflags="-s -w"}). A Go string is bytes, so escapes
 * are collected as bytes ({@code \xff} is one byte, {@code \u00e9} two) and decoded as UTF-8.
 */
final class GoQuoted {
    private GoQuoted() {
    }

    /**
     * The end (exclusive) of the quoted literal that starts at {@code from}, or -1 when it does
     * not end. Escapes are skipped, not checked: {@link #unquote} checks them.
     */
    static int end(String text, int from) {
        char quote = text.charAt(from);
        for (int i = from + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The value of a whole {@code "..."} or {@code `...`} literal; empty when it is not one. */
    static Optional<String> unquote(String literal) {
        if (literal.length() < 2 || literal.charAt(literal.length() - 1) != literal.charAt(0)) {
            return Optional.empty();
        }
        String body = literal.substring(1, literal.length() - 1);
        if (literal.charAt(0) == '`') {
            return body.indexOf('`') >= 0 ? Optional.empty() : Optional.of(body.replace("\r", ""));
        }
        if (literal.charAt(0) != '"') {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        int i = 0;
        while (i < body.length()) {
            int c = body.codePointAt(i);
            if (c == '"' || c == '\n') {
                return Optional.empty();
            }
            if (c != '\\') {
                out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
                continue;
            }
            if (i + 1 >= body.length()) {
                return Optional.empty();
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\', '"', '\'' -> out.write(e);
                case 'x' -> {
                    int value = number(body, i, 2, 16);
                    if (value < 0) {
                        return Optional.empty();
                    }
                    out.write(value);
                    i += 2;
                }
                case 'u', 'U' -> {
                    int digits = e == 'u' ? 4 : 8;
                    int value = number(body, i, digits, 16);
                    if (value < 0 || !Character.isValidCodePoint(value)
                            || (value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE)) {
                        return Optional.empty();
                    }
                    out.writeBytes(new String(Character.toChars(value)).getBytes(StandardCharsets.UTF_8));
                    i += digits;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int value = number(body, i - 1, 3, 8);
                    if (value < 0 || value > 255) {
                        return Optional.empty();
                    }
                    out.write(value);
                    i += 2;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }

    /** {@code digits} digits in {@code radix} at {@code from}, or -1. */
    private static int number(String text, int from, int digits, int radix) {
        if (from + digits > text.length()) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit(text.charAt(i), radix);
            if (d < 0 || text.charAt(i) > 'f') {
                return -1;
            }
            value = value * radix + d;
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
