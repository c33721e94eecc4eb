package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.http.BlobHttpContent;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.scratchimage.image.layer.Sha256;
import java.io.IOException;
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
 * <p>The calls are our own, through Jib's client ({@link JibEndpoints}).
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

    private RawManifests() {
    }

    /** {@code GET /v2/<repository>/manifests/<tagOrDigest>}; empty when the registry has no such manifest. */
    static Optional<Pulled> pull(RegistryClient client, String repository, String tagOrDigest)
            throws IOException, RegistryException {
        Object pulled = JibEndpoints.call(client, "GET", route(repository, tagOrDigest), null, ACCEPT, response -> {
            byte[] bytes;
            try (var body = response.getBody()) {
                bytes = body.readAllBytes();
            }
            List<String> types = response.getHeader("Content-Type");
            String mediaType = types.isEmpty() ? "" : types.get(0).split(";")[0].trim();
            return new Pulled(bytes, mediaType, Sha256.of(bytes));
        }, "pull manifest " + repository + ":" + tagOrDigest);
        return Optional.ofNullable((Pulled) pulled);
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
        Object result = JibEndpoints.call(client, "PUT", route(repository, tagOrDigest), content, List.of(),
                response -> {
                    List<String> digest = response.getHeader("Docker-Content-Digest");
                    return digest.isEmpty() ? "" : digest.get(0);
                }, "push manifest " + repository + ":" + tagOrDigest);
        if (result == null) {
            throw new IOException("the registry answered 404 to pushing the manifest " + repository + ":" + tagOrDigest);
        }
        String digest = (String) result;
        return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
    }

    private static JibEndpoints.Route route(String repository, String tagOrDigest) {
        return base -> new URL(base + repository + "/manifests/" + tagOrDigest);
    }
}
