package io.github.scratchimage.image.registry;

import io.github.scratchimage.image.ImageBuildException;

/** Nothing answered a TCP connection to the registry at {@code host:port}. */
public class RegistryUnreachableException extends ImageBuildException {
    private final String host;
    private final int port;

    public RegistryUnreachableException(String host, int port, Throwable cause) {
        super("registry " + host + ":" + port + " is unreachable: " + describe(cause), cause);
        this.host = host;
        this.port = port;
    }

    private static String describe(Throwable cause) {
        return cause == null ? "no answer" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
