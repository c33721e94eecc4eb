package io.github.scratchimage.image.manifest;

import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCI image manifest, ours rather than Jib's: Jib's {@code OciManifestTemplate} writes every
 * layer as {@code tar+gzip}, while each layer here carries the media type of its compression.
 *
 * <p>Its bytes are Jib's mapper's serialisation of these fields, in this order. Jib's registry
 * client serialises the template the same way to push it and hashes those bytes for the digest
 * it checks, so the manifest archived, the manifest pushed and the digest we report are one.
 * The fields and their order are those of Jib's template, so a gzip image has the bytes (and the
 * digest) it had when Jib's template wrote it.
 */
final class OciImageManifest implements ManifestTemplate {
    static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

    // Serialised by field (JsonTemplate's visibility rules), so the names and order here are the JSON's.
    @SuppressWarnings("unused")
    private final int schemaVersion = 2;
    @SuppressWarnings("unused")
    private final String mediaType = MEDIA_TYPE;
    private final Descriptor config;
    private final List<Descriptor> layers;

    /** A content descriptor: what the blob is, its digest, its size. */
    static final class Descriptor implements JsonTemplate {
        @SuppressWarnings("unused")
        private final String mediaType;
        @SuppressWarnings("unused")
        private final String digest;
        @SuppressWarnings("unused")
        private final long size;

        Descriptor(String mediaType, String digest, long size) {
            this.mediaType = mediaType;
            this.digest = digest;
            this.size = size;
        }
    }

    OciImageManifest(Descriptor config, List<Descriptor> layers) {
        this.config = config;
        this.layers = new ArrayList<>(layers);
    }

    @Override
    public int getSchemaVersion() {
        return 2;
    }

    @Override
    public String getManifestMediaType() {
        return MEDIA_TYPE;
    }
}
