package io.github.scratchimage.image;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Host and port of a registry, with a quick TCP check. Jib retries an unreachable registry for
 * about a minute before failing; a connect with a short timeout fails in seconds and can name
 * the address.
 */
record RegistryEndpoint(String host, int port, boolean portExplicit) {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Parses Jib's registry part: {@code host}, {@code host:port}, {@code [v6]:port}. */
    static RegistryEndpoint parse(String registry) {
        String host = registry;
        String port = null;
        if (registry.startsWith("[")) {
            int close = registry.indexOf(']');
            host = registry.substring(1, close);
            if (registry.length() > close + 1 && registry.charAt(close + 1) == ':') {
                port = registry.substring(close + 2);
            }
        } else if (registry.indexOf(':') >= 0) {
            host = registry.substring(0, registry.indexOf(':'));
            port = registry.substring(registry.indexOf(':') + 1);
        }
        return port == null
                ? new RegistryEndpoint(host, 443, false)
                : new RegistryEndpoint(host, Integer.parseInt(port), true);
    }

    /**
     * Fails unless something accepts a TCP connection. Without an explicit port, Jib tries 443 and,
     * for an insecure registry, falls back to 80, so either one answering is enough.
     */
    void checkReachable(boolean allowInsecure) throws RegistryUnreachableException {
        IOException failure = tryConnect(port);
        if (failure == null) {
            return;
        }
        if (!portExplicit && allowInsecure && tryConnect(80) == null) {
            return;
        }
        throw new RegistryUnreachableException(host, port, failure);
    }

    private IOException tryConnect(int candidatePort) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, candidatePort), (int) CONNECT_TIMEOUT.toMillis());
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
