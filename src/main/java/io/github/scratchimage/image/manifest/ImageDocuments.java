package io.github.scratchimage.image.manifest;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.layer.LayerBlob;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image's config and manifest, as bytes and digests.
 *
 * <p>The config holds only what the plan sets: no empty {@code Env}, {@code Labels} or
 * {@code Volumes}. Every runtime treats an absent field as empty, and each byte here is part of
 * every pull. The history has one entry per layer, naming the layer and the plugin release that
 * wrote it, as {@code docker history} and {@code podman history} show. The manifest is a template
 * serialised by Jib's mapper (ours for OCI, {@link OciImageManifest}, which names each layer's
 * compression; Jib's for Docker, whose layers are always gzip): Jib's registry client serialises
 * it again to push it, so the bytes archived and the bytes pushed are the same.
 */
public record ImageDocuments(byte[] config, String configDigest, ManifestTemplate manifestTemplate,
        byte[] manifest, String manifestDigest) {

    static final String OCI_CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    static final String DOCKER_CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";

    /**
     * {@code layerNames} and {@code layers} bottom to top, one name per layer, every layer
     * compressed with {@code compression}; the Docker format takes gzip layers only.
     */
    public static ImageDocuments of(ImagePlan plan, ImageFormat format, LayerCompression compression,
            List<String> layerNames, List<LayerBlob> layers) throws IOException {
        if (layerNames.size() != layers.size()) {
            throw new IllegalArgumentException(layerNames.size() + " layer names for " + layers.size() + " layers");
        }
        byte[] config = Json.compact(config(plan, layerNames, layers)).getBytes(StandardCharsets.UTF_8);
        String configDigest = Sha256.of(config);
        ManifestTemplate manifest = format == ImageFormat.DOCKER
                ? dockerManifest(compression, config.length, configDigest, layers)
                : ociManifest(compression, config.length, configDigest, layers);
        byte[] manifestBytes = JsonTemplateMapper.toByteArray(manifest);
        return new ImageDocuments(config, configDigest, manifest, manifestBytes, Sha256.of(manifestBytes));
    }

    private static ManifestTemplate ociManifest(LayerCompression compression, long configSize, String configDigest,
            List<LayerBlob> layers) {
        List<OciImageManifest.Descriptor> descriptors = new ArrayList<>();
        for (LayerBlob layer : layers) {
            descriptors.add(new OciImageManifest.Descriptor(compression.mediaType(), layer.digest(), layer.size()));
        }
        return new OciImageManifest(new OciImageManifest.Descriptor(OCI_CONFIG_TYPE, configDigest, configSize),
                descriptors);
    }

    private static ManifestTemplate dockerManifest(LayerCompression compression, long configSize,
            String configDigest, List<LayerBlob> layers) {
        if (compression.algorithm() != LayerCompression.Algorithm.GZIP) {
            // The mojos refuse this combination with the fix; reaching here is a programming error.
            throw new IllegalArgumentException("the Docker image manifest has gzip layers only, not " + compression);
        }
        V22ManifestTemplate manifest = new V22ManifestTemplate();
        manifest.setContainerConfiguration(configSize, digest(configDigest));
        for (LayerBlob layer : layers) {
            manifest.addLayer(layer.size(), digest(layer.digest()));
        }
        return manifest;
    }

    public String manifestMediaType() {
        return manifestTemplate.getManifestMediaType();
    }

    private static Map<String, Object> config(ImagePlan plan, List<String> layerNames, List<LayerBlob> layers) {
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("User", plan.user());
        if (!plan.exposedPorts().isEmpty()) {
            Map<String, Object> ports = new LinkedHashMap<>();
            for (String port : plan.exposedPorts()) {
                ports.put(port.contains("/") ? port : port + "/tcp", Map.of());
            }
            runtime.put("ExposedPorts", ports);
        }
        if (!plan.environment().isEmpty()) {
            runtime.put("Env", plan.environment().entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
        }
        runtime.put("Entrypoint", plan.entrypoint());
        if (!plan.args().isEmpty()) {
            runtime.put("Cmd", plan.args());
        }
        if (!plan.volumes().isEmpty()) {
            Map<String, Object> volumes = new LinkedHashMap<>();
            plan.volumes().forEach(volume -> volumes.put(volume, Map.of()));
            runtime.put("Volumes", volumes);
        }
        plan.workingDirectory().ifPresent(directory -> runtime.put("WorkingDir", directory));
        if (!plan.labels().isEmpty()) {
            runtime.put("Labels", plan.labels());
        }

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", plan.creationTime().toString());
        config.put("architecture", plan.platform().architecture());
        plan.platform().variant().ifPresent(variant -> config.put("variant", variant));
        config.put("os", plan.platform().os());
        config.put("config", runtime);
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", layers.stream().map(LayerBlob::diffId).toList());
        config.put("rootfs", rootfs);
        config.put("history", layerNames.stream().map(name -> history(plan, name)).toList());
        return config;
    }

    private static Map<String, Object> history(ImagePlan plan, String layerName) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("created", plan.creationTime().toString());
        entry.put("created_by", plan.tool().createdBy());
        entry.put("comment", layerName);
        return entry;
    }

    private static DescriptorDigest digest(String value) {
        try {
            return DescriptorDigest.fromDigest(value);
        } catch (DigestException e) {
            throw new IllegalStateException("not a digest we made: " + value, e);
        }
    }
}
