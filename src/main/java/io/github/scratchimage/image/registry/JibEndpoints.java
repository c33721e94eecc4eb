package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.http.Authorization;
import com.google.cloud.tools.jib.http.BlobHttpContent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.scratchimage.image.Tool;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Registry calls of our own through a {@link RegistryClient}, for what its public methods do not
 * offer (manifests as bytes, a blob uploaded while it is compressed), and so through its
 * authentication, bearer token refresh and HTTP failover.
 *
 * <p>Jib keeps the call that does this private ({@code callRegistryEndpoint}, given a
 * package-private {@code RegistryEndpointProvider}); it is reached by reflection. That call sends
 * no headers but Accept and Authorization, so a request that needs another one (a chunk's
 * {@code Content-Range}) goes through the client's {@link FailoverHttpClient} with the client's
 * current authorization, also read by reflection. The plugin's tests against a real registry fail
 * if a Jib release changes either.
 */
final class JibEndpoints {
    private static final Class<?> PROVIDER;
    private static final Method CALL;
    private static final Field AUTHORIZATION;
    private static final Method REQUEST_HEADERS;

    static {
        try {
            PROVIDER = Class.forName("com.google.cloud.tools.jib.registry.RegistryEndpointProvider", false,
                    RegistryClient.class.getClassLoader());
            CALL = RegistryClient.class.getDeclaredMethod("callRegistryEndpoint", PROVIDER);
            CALL.setAccessible(true);
            AUTHORIZATION = RegistryClient.class.getDeclaredField("authorization");
            AUTHORIZATION.setAccessible(true);
            REQUEST_HEADERS = Request.class.getDeclaredMethod("getHeaders");
            REQUEST_HEADERS.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this Jib Core release lacks what the plugin reaches in its"
                    + " RegistryClient (callRegistryEndpoint, authorization) or Request (getHeaders): " + e);
        }
    }

    private JibEndpoints() {
    }

    /** The route of a call, given Jib's API base ({@code http[s]://host/v2/}). */
    interface Route {
        URL url(String apiRouteBase) throws IOException;
    }

    /** What a call makes of the registry's answer. */
    interface Handler {
        Object handle(Response response) throws IOException;
    }

    /**
     * Calls {@code method} on {@code route} through {@code client}; a 404 gives null, any other
     * failure is thrown as Jib throws it (a 401 as {@link RegistryUnauthorizedException}).
     */
    static Object call(RegistryClient client, String method, Route route, BlobHttpContent content,
            List<String> accept, Handler handler, String description) throws IOException, RegistryException {
        Object provider = Proxy.newProxyInstance(PROVIDER.getClassLoader(), new Class<?>[] {PROVIDER},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "getHttpMethod":
                            return method;
                        case "getApiRoute":
                            return route.url((String) args[0]);
                        case "getContent":
                            return content;
                        case "getAccept":
                            return accept;
                        case "handleResponse":
                            return handler.handle((Response) args[0]);
                        case "handleHttpResponseException":
                            ResponseException e = (ResponseException) args[0];
                            if (e.getStatusCode() == 404) {
                                return null;
                            }
                            throw e;
                        case "getActionDescription":
                        case "toString":
                            return description;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
        try {
            return CALL.invoke(client, provider);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RegistryException registry) {
                throw registry;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Jib's RegistryClient.callRegistryEndpoint is not accessible", e);
        }
    }

    /**
     * {@code method} on the absolute {@code url} (one the registry gave, such as an upload's
     * {@code Location}) with a {@code Content-Range} header unless it is null, authorized as
     * {@code client} is now.
     * The caller closes the response. A failure status is thrown as {@link ResponseException}, a
     * 401 as {@link RegistryUnauthorizedException} naming {@code registry} and {@code repository},
     * so a retry authenticates again.
     */
    static Response send(RegistryClient client, FailoverHttpClient http, String method, URL url,
            String contentRange, com.google.api.client.http.HttpContent content, String registry, String repository)
            throws IOException, RegistryException {
        Request request = Request.builder()
                .setAuthorization(authorization(client))
                .setUserAgent(Tool.CURRENT.userAgent())
                .setHttpTimeout(JibSystemProperties.getHttpTimeout())
                .setBody(content)
                .build();
        try {
            if (contentRange != null) {
                ((com.google.api.client.http.HttpHeaders) REQUEST_HEADERS.invoke(request)).setContentRange(contentRange);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Jib's Request.getHeaders is not accessible", e);
        }
        try {
            return http.call(method, url, request);
        } catch (ResponseException e) {
            if (e.getStatusCode() == 401) {
                throw new RegistryUnauthorizedException(registry, repository, e);
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Authorization authorization(RegistryClient client) {
        try {
            return ((AtomicReference<Authorization>) AUTHORIZATION.get(client)).get();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Jib's RegistryClient.authorization is not accessible", e);
        }
    }
}
