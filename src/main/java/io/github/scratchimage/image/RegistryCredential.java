package io.github.scratchimage.image;

import java.util.Objects;

/** A registry user name and password (or token). {@link #toString()} never shows the password. */
public record RegistryCredential(String username, String password) {

    public RegistryCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryCredential[username=" + username + ", password=****]";
    }
}
