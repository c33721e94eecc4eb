package io.github.scratchimage.image.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Host and port of a registry, with a quick TCP check. Jib retries an unreachable registry for
 * about a minute before failing; a connect with a short timeout fails in seconds and can name
 * the address.
 */
public record RegistryEndpoint(String host, int port, boolean portExplicit) {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Parses Jib's registry part: {@code host}, {@code host:port}, {@code [v6]:port}. */
    public static RegistryEndpoint parse(String registry) {
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

    /**
     * Fails with {@link InsecureRegistryException} when a TLS handshake with the JVM's trust store
     * fails (self-signed certificate, plain HTTP): Jib retries that case for about a minute
     * before giving up. Other I/O errors are left for Jib to report.
     */
    void checkTrustedTls(String registry) throws InsecureRegistryException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            plain.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
            try (SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, host, port, false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
            }
        } catch (SSLException e) {
            throw new InsecureRegistryException(registry, InsecureRegistryException.Reason.INSECURE_CONNECTION, e);
        } catch (IOException e) {
            // Not a TLS verdict; Jib's own attempt will report it.
        }
    }

    /**
     * True when the JVM sends registry traffic through a proxy: a direct connection says nothing
     * about whether Jib, which honours the proxy properties, can reach the registry.
     */
    static boolean proxyConfigured() {
        return isSet("https.proxyHost") || isSet("http.proxyHost");
    }

    private static boolean isSet(String property) {
        String value = System.getProperty(property);
        return value != null && !value.isBlank();
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
