package io.github.scratchimage.maven;

/** {@code <to><auth>}: a username and password; the password never reaches the log. */
public class AuthConfiguration {
    String username;
    String password;
}
