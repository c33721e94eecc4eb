package io.github.scratchimage.image.registry;

import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.parameters.PropertyNames;

/** Nothing answered a TCP connection to the registry at {@code host:port}. */
public class RegistryUnreachableException extends ImageBuildException {
    private final String host;
    private final int port;

    public RegistryUnreachableException(String host, int port, Throwable cause) {
        super("Registry " + host + ":" + port + " is unreachable: check the host and port in <to><image> ("
                + PropertyNames.TO_IMAGE + ") and that the registry is running and reachable from this machine ("
                + describe(cause) + ")", cause);
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
