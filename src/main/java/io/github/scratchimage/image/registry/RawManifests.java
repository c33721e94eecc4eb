package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.http.BlobHttpContent;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.scratchimage.image.layer.Sha256;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.util.List;
import java.util.Optional;

/**
 * Manifests as bytes, through a {@link RegistryClient} and so through its authentication, bearer
 * token refresh and HTTP failover. Why not {@code pullManifest} and {@code pushManifest}: Jib
 * parses what it pulls into its own templates, which fail on fields they do not know (an index
 * entry's {@code artifactType} or {@code annotations}, a platform's {@code variant}) and return
 * neither the bytes nor their size, and it pushes what its own mapper writes. An index and a
 * manifest copied between repositories must keep their bytes, or their digests change.
 *
 * <p>Jib keeps the call that does this private ({@code callRegistryEndpoint}, given a
 * package-private {@code RegistryEndpointProvider}); it is reached by reflection, and the
 * plugin's tests against a real registry fail if a Jib release changes it.
 */
final class RawManifests {
    /** What a pull accepts: image manifests and indexes, OCI and Docker. */
    static final List<String> ACCEPT = List.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    /** A manifest's bytes, the media type it was served with and the digest of the bytes. */
    record Pulled(byte[] bytes, String mediaType, String digest) {
    }

    private static final Class<?> PROVIDER;
    private static final Method CALL;

    static {
        try {
            PROVIDER = Class.forName("com.google.cloud.tools.jib.registry.RegistryEndpointProvider", false,
                    RegistryClient.class.getClassLoader());
            CALL = RegistryClient.class.getDeclaredMethod("callRegistryEndpoint", PROVIDER);
            CALL.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this Jib Core release has no RegistryClient.callRegistryEndpoint: "
                    + e);
        }
    }

    private RawManifests() {
    }

    /** {@code GET /v2/<repository>/manifests/<tagOrDigest>}; empty when the registry has no such manifest. */
    static Optional<Pulled> pull(RegistryClient client, String repository, String tagOrDigest)
            throws IOException, RegistryException {
        Object provider = provider("GET", repository, tagOrDigest, null, ACCEPT, response -> {
            byte[] bytes;
            try (var body = response.getBody()) {
                bytes = body.readAllBytes();
            }
            List<String> types = response.getHeader("Content-Type");
            String mediaType = types.isEmpty() ? "" : types.get(0).split(";")[0].trim();
            return new Pulled(bytes, mediaType, Sha256.of(bytes));
        }, "pull manifest " + repository + ":" + tagOrDigest);
        return Optional.ofNullable((Pulled) call(client, provider));
    }

    /**
     * {@code PUT /v2/<repository>/manifests/<tagOrDigest>} of exactly {@code bytes}; returns the
     * digest the registry says it stored ({@code Docker-Content-Digest}), or empty when it does
     * not say.
     */
    static Optional<String> push(RegistryClient client, String repository, String tagOrDigest, byte[] bytes,
            String mediaType) throws IOException, RegistryException {
        BlobHttpContent content = new BlobHttpContent(Blobs.from(new java.io.ByteArrayInputStream(bytes)),
                mediaType);
        Object provider = provider("PUT", repository, tagOrDigest, content, List.of(), response -> {
            List<String> digest = response.getHeader("Docker-Content-Digest");
            return digest.isEmpty() ? "" : digest.get(0);
        }, "push manifest " + repository + ":" + tagOrDigest);
        Object result = call(client, provider);
        if (result == null) {
            throw new IOException("the registry answered 404 to pushing the manifest " + repository + ":" + tagOrDigest);
        }
        String digest = (String) result;
        return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
    }

    private interface Handler {
        Object handle(Response response) throws IOException;
    }

    /** A RegistryEndpointProvider: {@code handleHttpResponseException} turns a 404 into null. */
    private static Object provider(String method, String repository, String tagOrDigest, BlobHttpContent content,
            List<String> accept, Handler handler, String description) {
        return Proxy.newProxyInstance(PROVIDER.getClassLoader(), new Class<?>[] {PROVIDER}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "getHttpMethod":
                    return method;
                case "getApiRoute":
                    return new URL(args[0] + repository + "/manifests/" + tagOrDigest);
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
                    return description;
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
    }

    private static Object call(RegistryClient client, Object provider) throws IOException, RegistryException {
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
}
