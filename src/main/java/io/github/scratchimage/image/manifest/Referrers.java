package io.github.scratchimage.image.manifest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import io.github.scratchimage.image.layer.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The documents that attach a file to an image as an OCI 1.1 referrer, for registries without
 * the referrers API: an artifact manifest whose {@code subject} is the image, and the index a
 * registry keeps under the referrers tag ({@code sha256-<hex>} of the image's digest), listing
 * every referrer of that image. Both are Jib templates, so Jib's registry client pushes the bytes
 * whose digest is computed here.
 */
public final class Referrers {
    public static final String OCI_MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
    /** The config of an artifact that has none: the two bytes {@code {}}. */
    public static final String EMPTY_CONFIG_TYPE = "application/vnd.oci.empty.v1+json";
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    static final String TITLE = "org.opencontainers.image.title";
    static final String CREATED = "org.opencontainers.image.created";

    private Referrers() {
    }

    public static byte[] emptyConfig() {
        return EMPTY_CONFIG.clone();
    }

    /** The tag the referrers tag schema names for {@code subjectDigest}: {@code sha256-<hex>}. */
    public static String referrersTag(String subjectDigest) {
        if (!subjectDigest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 digest: " + subjectDigest);
        }
        return subjectDigest.replace(':', '-');
    }

    /**
     * The manifest of {@code content} (one layer of {@code artifactType}, named {@code title}) that
     * refers to the image {@code subjectDigest} of {@code subjectMediaType} and {@code subjectSize}
     * bytes; {@code created} is an RFC 3339 time.
     */
    public static ArtifactManifest artifact(String artifactType, byte[] content, String title, String created,
            String subjectMediaType, String subjectDigest, long subjectSize) {
        ArtifactManifest manifest = new ArtifactManifest();
        manifest.artifactType = artifactType;
        manifest.config = new Descriptor(EMPTY_CONFIG_TYPE, Sha256.of(EMPTY_CONFIG), EMPTY_CONFIG.length);
        manifest.config.data = Base64.getEncoder().encodeToString(EMPTY_CONFIG);
        Descriptor layer = new Descriptor(artifactType, Sha256.of(content), content.length);
        layer.annotations = new LinkedHashMap<>(Map.of(TITLE, title));
        manifest.layers = List.of(layer);
        manifest.subject = new Descriptor(subjectMediaType, subjectDigest, subjectSize);
        manifest.annotations = new LinkedHashMap<>(Map.of(CREATED, created));
        return manifest;
    }

    /** The serialised bytes of a template, as Jib's client pushes them. */
    public static byte[] bytes(ManifestTemplate template) {
        try {
            return JsonTemplateMapper.toByteArray(template);
        } catch (IOException e) {
            throw new IllegalStateException("Jib could not serialise a manifest of ours", e);
        }
    }

    /** An OCI 1.1 artifact manifest. */
    public static final class ArtifactManifest implements ManifestTemplate {
        private int schemaVersion = 2;
        private String mediaType = OCI_MANIFEST_TYPE;
        private String artifactType;
        private Descriptor config;
        private List<Descriptor> layers;
        private Descriptor subject;
        private Map<String, String> annotations;

        @Override
        public int getSchemaVersion() {
            return schemaVersion;
        }

        @Override
        public String getManifestMediaType() {
            return mediaType;
        }

        public String artifactType() {
            return artifactType;
        }

        public String subjectDigest() {
            return subject.digest;
        }

        public String created() {
            return annotations.get(CREATED);
        }
    }

    /** A content descriptor; {@code data} and {@code annotations} only where set. */
    public static final class Descriptor implements JsonTemplate {
        private String mediaType;
        private String digest;
        private long size;
        private String data;
        private Map<String, String> annotations;

        Descriptor() {
        }

        Descriptor(String mediaType, String digest, long size) {
            this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
            this.digest = Objects.requireNonNull(digest, "digest");
            this.size = size;
        }
    }

    /**
     * The index under the referrers tag. Entries are kept as read, fields this class does not
     * know included, so rewriting it to add a referrer loses nothing another tool put there.
     */
    public static final class ReferrersIndex implements ManifestTemplate {
        private int schemaVersion = 2;
        private String mediaType = OCI_INDEX_TYPE;
        private List<Map<String, Object>> manifests = new ArrayList<>();
        @JsonIgnore
        private final Map<String, Object> other = new LinkedHashMap<>();

        @Override
        public int getSchemaVersion() {
            return schemaVersion;
        }

        @Override
        public String getManifestMediaType() {
            return OCI_INDEX_TYPE;
        }

        @JsonAnySetter
        void other(String name, Object value) {
            other.put(name, value);
        }

        @JsonAnyGetter
        Map<String, Object> other() {
            return other;
        }

        /** The digests of the listed referrers, in order. */
        public List<String> digests() {
            return manifests.stream().map(m -> String.valueOf(m.get("digest"))).toList();
        }

        /**
         * Lists {@code manifest} ({@code size} bytes, digest {@code digest}) unless it is listed
         * already; true when it was added.
         */
        public boolean add(ArtifactManifest manifest, String digest, long size) {
            if (manifests == null) {
                manifests = new ArrayList<>();
            }
            if (digests().contains(digest)) {
                return false;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mediaType", OCI_MANIFEST_TYPE);
            entry.put("digest", digest);
            entry.put("size", size);
            entry.put("artifactType", manifest.artifactType);
            entry.put("annotations", new LinkedHashMap<>(manifest.annotations));
            manifests.add(entry);
            return true;
        }
    }
}
