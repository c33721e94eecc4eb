package io.github.scratchimage.image.archive;

import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.layer.LayerBlob;
import io.github.scratchimage.image.layer.PartialFiles;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.image.manifest.ImageDocuments;
import io.github.scratchimage.image.manifest.ImageIndex;
import io.github.scratchimage.json.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a built image as one tar file: an OCI image layout ({@code oci-archive:} to skopeo) for
 * the OCI format, a {@code docker save} archive ({@code docker-archive:}) for the Docker format.
 * Both load with {@code podman load}; {@code docker load} before Docker 25 takes only the second.
 *
 * <p>The tar is written beside its destination and renamed into place, so a failed or killed
 * build leaves the previous file or none, never half of one. Entries are in a fixed order with
 * fixed times and owners: the same image gives a byte-identical tar.
 */
public final class ImageArchive {
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private ImageArchive() {
    }

    /** Named by one reference. */
    public static void write(Path output, String referenceName, ImageFormat format, ImageDocuments documents,
            List<LayerBlob> layers) throws IOException {
        write(output, List.of(referenceName), format, documents, layers);
    }

    /**
     * {@code referenceNames}: the image's full name under each of its tags, the reference first.
     * A docker archive lists every one in {@code RepoTags}, so {@code docker load} and
     * {@code podman load} tag the image with each; an OCI layout's index has one entry per name
     * (see {@link #writeOciLayout}).
     */
    public static void write(Path output, List<String> referenceNames, ImageFormat format, ImageDocuments documents,
            List<LayerBlob> layers) throws IOException {
        if (referenceNames.isEmpty()) {
            throw new IllegalArgumentException("an archived image needs a name");
        }
        Path absolute = output.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = PartialFiles.partialBeside(absolute);
        try {
            try (OutputStream file = new BufferedOutputStream(
                    Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 256 * 1024);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(file, 512,
                            StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                if (format == ImageFormat.DOCKER) {
                    writeDockerArchive(tar, referenceNames, documents, layers);
                } else {
                    writeOciLayout(tar, referenceNames, documents, layers);
                }
            }
            PartialFiles.moveIntoPlace(partial, absolute);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * One index entry per name, each the same manifest with its own {@code ref.name}, as the image
     * layout specification names several tags of one image; {@code skopeo copy
     * oci-archive:file:name} picks one. {@code podman load} 4 refuses an index of more than one entry ("more than one image in
     * oci, choose an image"), which is why {@code ImageBuilder} says how to load such an archive.
     */
    private static void writeOciLayout(TarArchiveOutputStream tar, List<String> referenceNames,
            ImageDocuments documents, List<LayerBlob> layers) throws IOException {
        add(tar, "oci-layout", Json.compact(Map.of("imageLayoutVersion", "1.0.0")));
        List<Map<String, Object>> descriptors = new ArrayList<>();
        for (String name : referenceNames) {
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("mediaType", documents.manifestMediaType());
            descriptor.put("digest", documents.manifestDigest());
            descriptor.put("size", documents.manifest().length);
            descriptor.put("annotations", Map.of(REF_NAME, name));
            descriptors.add(descriptor);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.put("manifests", descriptors);
        add(tar, "index.json", Json.compact(index));
        add(tar, blobName(documents.manifestDigest()), documents.manifest());
        add(tar, blobName(documents.configDigest()), documents.config());
        for (LayerBlob layer : layers) {
            add(tar, blobName(layer.digest()), layer.file(), layer.size());
        }
    }

    /** One platform's image of an index: its documents and layer blobs. */
    public record PlatformImage(ImageDocuments documents, List<LayerBlob> layers) {
    }

    /**
     * Several platforms as one OCI image layout: {@code index.json} names {@code index} (an OCI
     * image index) by {@code referenceName}, and the blobs hold the index, each platform's
     * manifest, config and layers, each blob once (platforms share layers such as the essentials).
     * {@code skopeo copy --override-arch} picks a platform from it. Written through a partial file,
     * as {@link #write} is.
     */
    public static void writeIndex(Path output, String referenceName, ImageIndex index, List<PlatformImage> images)
            throws IOException {
        if (!ImageIndex.OCI_INDEX.equals(index.mediaType())) {
            throw new IllegalArgumentException("an OCI layout holds an OCI index, not " + index.mediaType());
        }
        Path absolute = output.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = PartialFiles.partialBeside(absolute);
        try {
            try (OutputStream file = new BufferedOutputStream(
                    Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 256 * 1024);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(file, 512,
                            StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                add(tar, "oci-layout", Json.compact(Map.of("imageLayoutVersion", "1.0.0")));
                Map<String, Object> descriptor = new LinkedHashMap<>();
                descriptor.put("mediaType", index.mediaType());
                descriptor.put("digest", index.digest());
                descriptor.put("size", index.size());
                descriptor.put("annotations", Map.of(REF_NAME, referenceName));
                Map<String, Object> layout = new LinkedHashMap<>();
                layout.put("schemaVersion", 2);
                layout.put("mediaType", ImageIndex.OCI_INDEX);
                layout.put("manifests", List.of(descriptor));
                add(tar, "index.json", Json.compact(layout));
                add(tar, blobName(index.digest()), index.bytes());
                Set<String> written = new HashSet<>();
                for (PlatformImage image : images) {
                    ImageDocuments documents = image.documents();
                    if (written.add(documents.manifestDigest())) {
                        add(tar, blobName(documents.manifestDigest()), documents.manifest());
                    }
                    if (written.add(documents.configDigest())) {
                        add(tar, blobName(documents.configDigest()), documents.config());
                    }
                    for (LayerBlob layer : image.layers()) {
                        if (written.add(layer.digest())) {
                            add(tar, blobName(layer.digest()), layer.file(), layer.size());
                        }
                    }
                }
            }
            PartialFiles.moveIntoPlace(partial, absolute);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void writeDockerArchive(TarArchiveOutputStream tar, List<String> referenceNames,
            ImageDocuments documents, List<LayerBlob> layers) throws IOException {
        List<String> layerNames = new ArrayList<>();
        for (LayerBlob layer : layers) {
            layerNames.add(hex(layer.digest()) + ".tar.gz");
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Config", "config.json");
        entry.put("RepoTags", referenceNames);
        entry.put("Layers", layerNames);
        add(tar, "manifest.json", Json.compact(List.of(entry)));
        add(tar, "config.json", documents.config());
        for (int i = 0; i < layers.size(); i++) {
            add(tar, layerNames.get(i), layers.get(i).file(), layers.get(i).size());
        }
    }

    private static String blobName(String digest) {
        return "blobs/sha256/" + hex(digest);
    }

    private static String hex(String digest) {
        return digest.substring(Sha256.PREFIX.length());
    }

    private static void add(TarArchiveOutputStream tar, String name, String json) throws IOException {
        add(tar, name, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        tar.putArchiveEntry(entry(name, content.length));
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void add(TarArchiveOutputStream tar, String name, Path file, long size) throws IOException {
        tar.putArchiveEntry(entry(name, size));
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(0100644);
        entry.setIds(0, 0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setModTime(0);
        return entry;
    }
}
