package io.github.scratchimage.image.events;

import java.util.regex.Pattern;

/** Cleans text that came from Jib before it reaches a user: no colour codes, no secrets. */
public final class Messages {
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private Messages() {
    }

    public static String clean(String text, String secret) {
        if (text == null) {
            return "";
        }
        String cleaned = ANSI_ESCAPE.matcher(text).replaceAll("");
        if (secret != null && !secret.isEmpty()) {
            cleaned = cleaned.replace(secret, "****");
        }
        return cleaned;
    }
}
