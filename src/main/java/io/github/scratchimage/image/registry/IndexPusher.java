package io.github.scratchimage.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageReferences;
import io.github.scratchimage.image.ImageSignature;
import io.github.scratchimage.image.IndexResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.events.BuildEvents;
import io.github.scratchimage.image.manifest.ImageIndex;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.signing.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges images already pushed (one per CI runner, say) into one multi-platform index and
 * pushes it. Everything is read first: each source's manifest (an index's entries, or one image
 * manifest and its config for the platform), every check made (a missing source, two images of
 * one platform); only then is anything written. Images from other repositories of the registry
 * are mounted (their blobs), never downloaded, and their manifests copied byte for byte; the
 * index is pushed by digest, then signed when the target has a signing key, then under each tag,
 * tags last, so a failure never moves a tag and no tag names an unsigned index.
 *
 * <p>It talks to the registry through {@link RegistryPusher}'s connection: its credential chain,
 * retries and stall watchdog.
 */
public final class IndexPusher {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One platform image found in a source, with its manifest's bytes when it must be copied. */
    private record Found(ImageIndex.Entry entry, String source, String repository, byte[] manifest) {
    }

    private final RegistryPusher connection;
    private final ImageReference target;
    private final List<String> tags;
    /** Signs the index when not null. */
    private final SigningKey signingKey;

    private IndexPusher(RegistryPusher connection, ImageReference target, List<String> tags, SigningKey signingKey) {
        this.connection = connection;
        this.target = target;
        this.tags = tags;
        this.signingKey = signingKey;
    }

    /**
     * Pushes the index of {@code sources} (references, by tag or digest, in the target's registry)
     * to {@code target}'s reference and its extra tags.
     */
    public static IndexResult push(RegistryTarget target, List<String> sources, BuildListener listener,
            RegistryCredentials credentials, RetryPolicy retries) throws ScratchException {
        ImageReference reference = ImageReferences.forBuild(target.reference());
        List<ImageReference> parsed = parseSources(reference, sources);
        List<String> tags = new ArrayList<>();
        tags.add(reference.getTag().orElse("latest"));
        for (String tag : target.extraTags()) {
            if (!ImageReference.isValidTag(tag)) {
                throw io.github.scratchimage.image.InvalidReferenceException.tag(tag);
            }
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        CredentialChain chain = new CredentialChain(target.credential(), target.credentialHelper(),
                target.configuredCredential(), reference, credentials);
        try (RegistryPusher connection = new RegistryPusher(new BuildEvents(listener), retries, target, reference,
                chain)) {
            connection.start();
            IndexPusher pusher = new IndexPusher(connection, reference, tags, target.signingKey());
            try {
                return connection.run(session -> pusher.merge(session, sources, parsed));
            } catch (ScratchException e) {
                throw e;
            } catch (Exception e) {
                throw connection.failure(e);
            }
        }
    }

    /** Each source parsed, in the target's registry, or the reference named. */
    static List<ImageReference> parseSources(ImageReference target, List<String> sources) throws ScratchException {
        if (sources.isEmpty()) {
            throw new InvalidInputException("scratch:index needs the images to merge: set <images> (each"
                    + " <image>registry/repository:tag</image>) or -D" + PropertyNames.IMAGES
                    + "=registry.example.com/app:1.0-amd64,registry.example.com/app:1.0-arm64");
        }
        List<ImageReference> parsed = new ArrayList<>();
        for (String source : sources) {
            ImageReference reference = ImageReferences.parse(source);
            if (!reference.getRegistry().equals(target.getRegistry())) {
                throw InvalidInputException.of("<images> (" + PropertyNames.IMAGES + ") entry '" + source + "'",
                        "is in the registry " + reference.getRegistry() + ", not in " + target.getRegistry()
                                + " where the index goes (an index can name only manifests of its own registry)",
                        "push that image to " + target.getRegistry() + " first, or name its copy there");
            }
            parsed.add(reference);
        }
        return parsed;
    }

    private IndexResult merge(RegistryPusher.Session session, List<String> sources, List<ImageReference> parsed)
            throws Exception {
        Map<String, RegistryClient> readers = new HashMap<>();
        readers.put(target.getRepository(), session.target());
        // Read and check everything first: nothing is written before the index is known to be whole.
        Map<String, Found> byPlatform = new LinkedHashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            ImageReference source = parsed.get(i);
            RegistryClient reader = reader(session, readers, source.getRepository());
            for (Found found : read(session, reader, sources.get(i), source)) {
                String platform = found.entry().platform();
                Found earlier = byPlatform.get(platform);
                if (earlier == null) {
                    byPlatform.put(platform, found);
                } else if (!earlier.entry().digest().equals(found.entry().digest())) {
                    throw InvalidInputException.of("<images> (" + PropertyNames.IMAGES + ")",
                            "has two images for " + platform + ": '" + earlier.source() + "' ("
                                    + earlier.entry().digest() + ") and '" + found.source() + "' ("
                                    + found.entry().digest() + "), and an index names one image per platform",
                            "keep one of them");
                }
            }
        }
        if (byPlatform.isEmpty()) {
            throw InvalidInputException.of("<images> (" + PropertyNames.IMAGES + ")", "names no platform image",
                    "name the images pushed by scratch:build, one per platform");
        }
        ImageIndex index = ImageIndex.of(byPlatform.values().stream().map(Found::entry).toList());

        // Now write: the platform images into the target repository, the index by digest, then the tags.
        Map<String, RegistryClient> mounters = new HashMap<>();
        for (Found found : byPlatform.values()) {
            if (!found.repository().equals(target.getRepository())) {
                RegistryClient mounter = mounters.get(found.repository());
                if (mounter == null) {
                    mounter = session.open(target.getRepository(), found.repository());
                    mounters.put(found.repository(), mounter);
                }
                copy(session, mounter, readers.get(found.repository()), found);
            }
        }
        pushIndex(session, index, index.digest());
        // signed before any tag names it, as a pushed image is
        Optional<ImageSignature> signature = signingKey == null ? Optional.empty()
                : Optional.of(new ImageSigner(signingKey, target).sign(session, index.digest()));
        for (String tag : tags) {
            pushIndex(session, index, tag);
        }
        return new IndexResult(target.toString(), tags, index.digest(), index.mediaType(), index.size(),
                index.entries().stream().map(entry -> new IndexResult.PlatformImage(entry.platform(),
                        entry.digest(), entry.size(), entry.mediaType(),
                        byPlatform.get(entry.platform()).source())).toList(), signature);
    }

    private RegistryClient reader(RegistryPusher.Session session, Map<String, RegistryClient> readers,
            String repository) throws IOException, RegistryException {
        RegistryClient reader = readers.get(repository);
        if (reader == null) {
            reader = session.open(repository, null);
            readers.put(repository, reader);
        }
        return reader;
    }

    /** The platform images a source names: itself, or an index's image entries. */
    private List<Found> read(RegistryPusher.Session session, RegistryClient reader, String source,
            ImageReference reference) throws Exception {
        String repository = reference.getRepository();
        RawManifests.Pulled pulled = pull(session, reader, repository, reference.getQualifier(), source)
                .orElseThrow(() -> InvalidInputException.of("<images> (" + PropertyNames.IMAGES + ") entry '" + source
                        + "'", "does not exist in " + reference.getRegistry() + "/" + repository,
                        "push it first (scratch:build), or correct the reference"));
        if (reference.getDigest().isPresent() && !reference.getDigest().get().equals(pulled.digest())) {
            throw new ImageBuildException("The registry answered '" + source + "' with a manifest whose digest is "
                    + pulled.digest() + ": it does not keep manifests byte for byte, so an index cannot name them");
        }
        JsonNode manifest = JSON.readTree(pulled.bytes());
        String mediaType = mediaType(manifest, pulled);
        boolean copied = !repository.equals(target.getRepository());
        List<Found> found = new ArrayList<>();
        if (ImageIndex.OCI_INDEX.equals(mediaType) || ImageIndex.DOCKER_MANIFEST_LIST.equals(mediaType)) {
            for (JsonNode entry : manifest.path("manifests")) {
                String entryType = entry.path("mediaType").asText();
                JsonNode platform = entry.path("platform");
                String os = platform.path("os").asText();
                String architecture = platform.path("architecture").asText();
                if (!ImageIndex.OCI_MANIFEST.equals(entryType) && !ImageIndex.DOCKER_MANIFEST.equals(entryType)
                        || os.isEmpty() || architecture.isEmpty() || "unknown".equals(os)) {
                    session.events().onLog(LogEvent.info("not merging " + entry.path("digest").asText() + " of "
                            + source + ": not a platform image (" + entryType + ", " + os + "/" + architecture
                            + ")"));
                    continue;
                }
                String digest = entry.path("digest").asText();
                byte[] bytes = null;
                if (copied) {
                    bytes = pull(session, reader, repository, digest, source).orElseThrow(() ->
                            new ImageBuildException(source + " names " + digest + ", which is not in "
                                    + reference.getRegistry() + "/" + repository + ": the source index is broken,"
                                    + " push it again")).bytes();
                }
                ImageIndex.Entry indexEntry = new ImageIndex.Entry(entryType, digest, entry.path("size").asLong(),
                        os, architecture, text(platform.path("variant")));
                found.add(new Found(indexEntry, source, repository, bytes));
            }
            return found;
        }
        if (!ImageIndex.OCI_MANIFEST.equals(mediaType) && !ImageIndex.DOCKER_MANIFEST.equals(mediaType)) {
            throw InvalidInputException.of("<images> (" + PropertyNames.IMAGES + ") entry '" + source + "'",
                    "is a " + mediaType + ", not an image manifest or index", "name an image pushed by scratch:build");
        }
        String configDigest = manifest.path("config").path("digest").asText();
        JsonNode config = JSON.readTree(pullBlob(session, reader, configDigest, source));
        ImageIndex.Entry entry = new ImageIndex.Entry(mediaType, pulled.digest(), pulled.bytes().length,
                config.path("os").asText(), config.path("architecture").asText(), text(config.path("variant")));
        found.add(new Found(entry, source, repository, pulled.bytes()));
        return found;
    }

    private static String mediaType(JsonNode manifest, RawManifests.Pulled pulled) {
        String declared = manifest.path("mediaType").asText();
        if (!declared.isEmpty()) {
            return declared;
        }
        if (!pulled.mediaType().isEmpty()) {
            return pulled.mediaType();
        }
        return manifest.has("manifests") ? ImageIndex.OCI_INDEX : ImageIndex.OCI_MANIFEST;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<RawManifests.Pulled> pull(RegistryPusher.Session session, RegistryClient reader,
            String repository, String qualifier, String source) throws IOException, RegistryException {
        List<Optional<RawManifests.Pulled>> result = new ArrayList<>(1);
        session.step("reading " + source + (qualifier.startsWith("sha256:") ? " (" + qualifier + ")" : ""),
                reader, reader == session.target(), () -> {
                    result.clear();
                    result.add(RawManifests.pull(reader, repository, qualifier));
                });
        return result.get(0);
    }

    private static byte[] pullBlob(RegistryPusher.Session session, RegistryClient reader, String digest,
            String source) throws IOException, RegistryException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        session.step("reading the config " + digest + " of " + source, reader, reader == session.target(), () -> {
            out.reset();
            reader.pullBlob(descriptor(digest), size -> { }, bytes -> session.touch()).writeTo(out);
        });
        return out.toByteArray();
    }

    /**
     * Mounts a platform image's blobs from its repository into the target's, then puts its
     * manifest there by digest. A registry that declines the mount gets the blob streamed from the
     * source repository instead.
     */
    private void copy(RegistryPusher.Session session, RegistryClient mounter, RegistryClient reader, Found found)
            throws IOException, RegistryException {
        JsonNode manifest = JSON.readTree(found.manifest());
        List<JsonNode> blobs = new ArrayList<>();
        blobs.add(manifest.path("config"));
        manifest.path("layers").forEach(blobs::add);
        for (JsonNode blob : blobs) {
            String digest = blob.path("digest").asText();
            session.step("mounting blob " + digest + " from " + found.repository(), mounter, true, () -> {
                DescriptorDigest descriptor = descriptor(digest);
                if (session.target().checkBlob(descriptor).isPresent()) {
                    return;
                }
                Blob fallback = reader.pullBlob(descriptor, size -> { }, bytes -> session.touch());
                boolean mounted = mounter.pushBlob(descriptor, fallback, found.repository(), bytes -> session.touch());
                session.events().onLog(LogEvent.debug((mounted ? "mounted " : "copied (the registry declined the mount) ")
                        + digest + " from " + found.repository()));
            });
        }
        String digest = found.entry().digest();
        session.step("copying the manifest " + digest + " of " + found.source(), session.target(), true, () ->
                check(RawManifests.push(session.target(), target.getRepository(), digest, found.manifest(),
                        found.entry().mediaType()), digest));
    }

    private void pushIndex(RegistryPusher.Session session, ImageIndex index, String tagOrDigest)
            throws IOException, RegistryException {
        String what = tagOrDigest.equals(index.digest()) ? "pushing the index " + index.digest()
                : "pushing the index for tag " + tagOrDigest;
        session.step(what, session.target(), true, () -> check(RawManifests.push(session.target(),
                target.getRepository(), tagOrDigest, index.bytes(), index.mediaType()), index.digest()));
    }

    private static void check(Optional<String> stored, String expected) throws IOException {
        if (stored.isPresent() && !stored.get().equals(expected)) {
            throw new IOException("the registry stored " + stored.get() + " for the manifest " + expected);
        }
    }

    private static DescriptorDigest descriptor(String digest) throws IOException {
        try {
            return DescriptorDigest.fromDigest(digest);
        } catch (DigestException e) {
            throw new IOException("not a sha256 digest: " + digest, e);
        }
    }
}
