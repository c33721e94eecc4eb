package io.github.scratchimage.image.manifest;

import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A multi-platform image: an OCI image index or, for the Docker format, a Docker manifest list,
 * naming one image manifest per platform. Our own document, not Jib's {@code OciIndexTemplate},
 * which has no {@code variant}. The bytes are deterministic: entries sorted by platform
 * ({@code os}, {@code architecture}, {@code variant}), keys in a fixed order, no whitespace; the
 * digest is that of exactly these bytes, which are the ones pushed.
 */
public record ImageIndex(String mediaType, List<Entry> entries, byte[] bytes, String digest) {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    /** One platform's image manifest, already in the repository the index is pushed to. */
    public record Entry(String mediaType, String digest, long size, String os, String architecture,
            Optional<String> variant) {
        public Entry {
            if (!OCI_MANIFEST.equals(mediaType) && !DOCKER_MANIFEST.equals(mediaType)) {
                throw new IllegalArgumentException("not an image manifest media type: " + mediaType);
            }
            if (!digest.matches("sha256:[0-9a-f]{64}") || size <= 0) {
                throw new IllegalArgumentException("not a manifest descriptor: " + digest + ", " + size);
            }
            variant = variant.filter(v -> !v.isEmpty());
        }

        /** {@code linux/arm64}, {@code linux/arm/v7}: the form {@code --platform} accepts. */
        public String platform() {
            return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
        }
    }

    public ImageIndex {
        entries = List.copyOf(entries);
    }

    private static final Comparator<Entry> BY_PLATFORM = Comparator.comparing(Entry::os)
            .thenComparing(Entry::architecture).thenComparing(e -> e.variant().orElse(""));

    /**
     * The index of {@code entries}, in any order; a Docker manifest list when every entry is a
     * Docker manifest (Docker's format is all or nothing), else an OCI index.
     *
     * @throws IllegalArgumentException for no entries or two of one platform: callers check first
     */
    public static ImageIndex of(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one manifest");
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(BY_PLATFORM);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).platform().equals(sorted.get(i - 1).platform())) {
                throw new IllegalArgumentException("two manifests for " + sorted.get(i).platform());
            }
        }
        boolean docker = sorted.stream().allMatch(e -> DOCKER_MANIFEST.equals(e.mediaType()));
        String mediaType = docker ? DOCKER_MANIFEST_LIST : OCI_INDEX;
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 2);
        document.put("mediaType", mediaType);
        document.put("manifests", sorted.stream().map(ImageIndex::descriptor).toList());
        byte[] bytes = Json.compact(document).getBytes(StandardCharsets.UTF_8);
        return new ImageIndex(mediaType, sorted, bytes, Sha256.of(bytes));
    }

    private static Map<String, Object> descriptor(Entry entry) {
        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("architecture", entry.architecture());
        platform.put("os", entry.os());
        entry.variant().ifPresent(variant -> platform.put("variant", variant));
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", entry.mediaType());
        descriptor.put("digest", entry.digest());
        descriptor.put("size", entry.size());
        descriptor.put("platform", platform);
        return descriptor;
    }

    public long size() {
        return bytes.length;
    }

    /** {@code linux/amd64, linux/arm64}, in the index's order. */
    public List<String> platforms() {
        return entries.stream().map(Entry::platform).toList();
    }
}
