package io.github.scratchimage.image.manifest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.json.Json;
import io.github.scratchimage.signing.SimpleSigning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest cosign keeps a manifest's signatures in, under the tag {@code sha256-<hex>.sig}: an
 * OCI image manifest with one layer per signature, each layer the simple-signing payload
 * ({@link SimpleSigning#MEDIA_TYPE}) with its base64 signature in the annotation
 * {@link SimpleSigning#SIGNATURE_ANNOTATION}, and a config that lists the layers as go-containerregistry
 * writes it for cosign. Layers read from the registry are kept exactly as read, whoever wrote
 * them, so appending a signature loses none of another tool's.
 */
public final class SignatureManifest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** go-containerregistry's zero time, which cosign's signature images carry. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    /** One simple-signing layer: the payload's digest and size, and the signature it carries. */
    public record Signature(String payloadDigest, long payloadSize, String signature) {
    }

    /** The manifest as read, or as this class starts it; {@code config} and {@code layers} are rewritten. */
    private final Map<String, Object> manifest;
    private final List<Map<String, Object>> layers;

    private SignatureManifest(Map<String, Object> manifest, List<Map<String, Object>> layers) {
        this.manifest = manifest;
        this.layers = layers;
    }

    /** A manifest with no signature yet. */
    public static SignatureManifest empty() {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", Referrers.OCI_MANIFEST_TYPE);
        return new SignatureManifest(manifest, new ArrayList<>());
    }

    /**
     * The signature manifest a registry holds; IOException when it is not a JSON manifest. JSON
     * nulls are dropped, as absent and null mean the same in a manifest and {@link Json} writes
     * no null.
     */
    public static SignatureManifest parse(byte[] bytes) throws IOException {
        Map<String, Object> manifest = JSON.readValue(bytes, new TypeReference<LinkedHashMap<String, Object>>() { });
        dropNulls(manifest);
        List<Map<String, Object>> layers = new ArrayList<>();
        if (manifest.get("layers") instanceof List<?> read) {
            for (Object layer : read) {
                if (!(layer instanceof Map<?, ?>)) {
                    throw new IOException("a layer of the signature manifest is not a JSON object: " + layer);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) layer;
                layers.add(entry);
            }
        }
        return new SignatureManifest(manifest, layers);
    }

    private static void dropNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.values().removeIf(java.util.Objects::isNull);
            map.values().forEach(SignatureManifest::dropNulls);
        } else if (value instanceof List<?> list) {
            list.removeIf(java.util.Objects::isNull);
            list.forEach(SignatureManifest::dropNulls);
        }
    }

    /** The simple-signing layers that carry a signature, in order; other layers are left out. */
    public List<Signature> signatures() {
        List<Signature> signatures = new ArrayList<>();
        for (Map<String, Object> layer : layers) {
            if (SimpleSigning.MEDIA_TYPE.equals(layer.get("mediaType"))
                    && layer.get("annotations") instanceof Map<?, ?> annotations
                    && annotations.get(SimpleSigning.SIGNATURE_ANNOTATION) instanceof String signature
                    && layer.get("digest") instanceof String digest
                    && layer.get("size") instanceof Number size) {
                signatures.add(new Signature(digest, size.longValue(), signature));
            }
        }
        return signatures;
    }

    /** This manifest with one more layer: {@code payload}, signed with {@code signature}. */
    public SignatureManifest with(byte[] payload, String signature) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("mediaType", SimpleSigning.MEDIA_TYPE);
        layer.put("size", payload.length);
        layer.put("digest", Sha256.of(payload));
        layer.put("annotations", new LinkedHashMap<>(Map.of(SimpleSigning.SIGNATURE_ANNOTATION, signature)));
        List<Map<String, Object>> more = new ArrayList<>(layers);
        more.add(layer);
        return new SignatureManifest(manifest, more);
    }

    /**
     * The config: no platform, the zero time, and each layer's digest as its diff ID (a payload
     * is not compressed), with one history entry per layer, as cosign's signature images have.
     */
    public byte[] config() {
        List<String> diffIds = new ArrayList<>();
        List<Map<String, Object>> history = new ArrayList<>();
        for (Map<String, Object> layer : layers) {
            diffIds.add(String.valueOf(layer.get("digest")));
            history.add(Map.of("created", ZERO_TIME));
        }
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", diffIds);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "");
        config.put("created", ZERO_TIME);
        config.put("history", history);
        config.put("os", "");
        config.put("rootfs", rootfs);
        config.put("config", Map.of());
        return Json.compact(config).getBytes(StandardCharsets.UTF_8);
    }

    /** The manifest's bytes, naming {@link #config} and every layer. */
    public byte[] bytes() {
        byte[] config = config();
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", ImageDocuments.OCI_CONFIG_TYPE);
        descriptor.put("size", config.length);
        descriptor.put("digest", Sha256.of(config));
        Map<String, Object> written = new LinkedHashMap<>(manifest);
        written.put("mediaType", mediaType()); // the Content-Type it is pushed with
        written.put("config", descriptor);
        written.put("layers", layers);
        return Json.compact(written).getBytes(StandardCharsets.UTF_8);
    }

    public String mediaType() {
        return Referrers.OCI_MANIFEST_TYPE;
    }
}
