package io.github.scratchimage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads an OCI image-layout tar as Jib writes it: index.json, manifest, config and layer blobs. */
public final class OciArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, byte[]> entries;

    private OciArchive(Map<String, byte[]> entries) {
        this.entries = entries;
    }

    public static OciArchive read(Path tar) {
        try (InputStream in = Files.newInputStream(tar)) {
            return new OciArchive(readTar(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON entry of the archive by name: {@code index.json}, or a docker archive's {@code manifest.json}. */
    public JsonNode json(String entry) {
        byte[] bytes = entries.get(entry);
        if (bytes == null) {
            throw new AssertionError("no " + entry + " in the archive; entries: " + entries.keySet());
        }
        return json(bytes);
    }

    public byte[] manifestBytes() {
        return blob(json(entries.get("index.json")).get("manifests").get(0).get("digest").asText());
    }

    public JsonNode manifest() {
        return json(manifestBytes());
    }

    public byte[] configBytes() {
        return blob(manifest().get("config").get("digest").asText());
    }

    public JsonNode config() {
        return json(configBytes());
    }

    /** Layer descriptors (digest, size, mediaType) bottom to top. */
    public List<JsonNode> layers() {
        List<JsonNode> layers = new ArrayList<>();
        manifest().get("layers").forEach(layers::add);
        return layers;
    }

    /** The entries of a gzip layer, by path without a leading slash or "./". */
    public Map<String, TarArchiveEntry> layerEntries(String digest) {
        Map<String, TarArchiveEntry> result = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new ByteArrayInputStream(blob(digest))))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                result.put(entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""), entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    public byte[] blob(String digest) {
        byte[] blob = entries.get("blobs/sha256/" + digest.substring("sha256:".length()));
        if (blob == null) {
            throw new AssertionError("no blob " + digest + " in the archive; entries: " + entries.keySet());
        }
        return blob;
    }

    private static Map<String, byte[]> readTar(InputStream in) throws IOException {
        Map<String, byte[]> result = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    result.put(entry.getName().replaceFirst("^\\./", ""), tar.readAllBytes());
                }
            }
        }
        return result;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
