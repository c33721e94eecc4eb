package io.github.scratchimage.image.builder;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImageLayer;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageReferences;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.ImageSignature;
import io.github.scratchimage.image.InvalidReferenceException;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.MultiPlatformResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.image.Tool;
import io.github.scratchimage.image.archive.CliImageLoader;
import io.github.scratchimage.image.archive.ImageArchive;
import io.github.scratchimage.image.events.BuildEvents;
import io.github.scratchimage.image.layer.BlobLease;
import io.github.scratchimage.image.layer.BlobStoreCap;
import io.github.scratchimage.image.layer.LayerBlob;
import io.github.scratchimage.image.layer.FileHashes;
import io.github.scratchimage.image.layer.LayerBlobStore;
import io.github.scratchimage.image.layer.LayerCompression;
import io.github.scratchimage.image.layer.LayerTee;
import io.github.scratchimage.image.layer.PartialFiles;
import io.github.scratchimage.image.layer.ZstdUnavailableException;
import io.github.scratchimage.image.manifest.ImageDocuments;
import io.github.scratchimage.image.registry.CredentialChain;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.registry.RegistryPusher;
import io.github.scratchimage.image.registry.RetryPolicy;
import io.github.scratchimage.image.registry.UploadsWhileCompressing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds the scratch image an {@link ImagePlan} describes and delivers it to a {@link Target}:
 * layers written and compressed here ({@code LayerTar}, {@link LayerCompression}), kept in a
 * content-addressed store ({@link LayerBlobStore}), pushed through Jib Core's registry client
 * ({@link RegistryPusher}) or written as an archive ({@link ImageArchive}). No Docker daemon is
 * involved.
 *
 * <p>The cache directory lives outside {@code target/}, so a rebuild after {@code mvn clean} of
 * an unchanged executable skips the compression. Each build holds its blobs in a
 * {@link BlobLease} until the image is delivered, then keeps the store under its size cap
 * ({@link BlobStoreCap}, least recently used blobs first); a failed eviction is a warning. One
 * builder may be used for many builds.
 */
public final class ImageBuilder {
    /** gzip at gzip's own default level: the image is then about the size of {@code gzip -6} of its files. */
    public static final LayerCompression DEFAULT_COMPRESSION = LayerCompression.gzip(6);
    static final String EXECUTABLE_LAYER_NAME = "executable";
    /** Under the cache directory: the tars {@code dockerBuild} hands to {@code docker load}. */
    static final String LOAD_DIRECTORY = "tmp";

    private final Path cacheDirectory;
    private final BuildListener listener;
    private final RegistryCredentials credentials;
    private final LayerCompression compression;
    private final long cacheMaxBytes;
    private RetryPolicy retries = RetryPolicy.DEFAULT;
    /** Zero for the uploads' own chunk size. */
    private int uploadChunkBytes;

    /**
     * @param cacheMaxBytes the size the blob store is brought under after each build, least
     *                      recently used blobs first ({@link BlobStoreCap#DEFAULT_CAP_BYTES} by default)
     */
    public ImageBuilder(Path cacheDirectory, BuildListener listener, RegistryCredentials credentials,
            LayerCompression compression, long cacheMaxBytes) {
        if (cacheMaxBytes < 0) {
            throw new IllegalArgumentException("the cache cap must be 0 bytes or more: " + cacheMaxBytes);
        }
        this.cacheDirectory = cacheDirectory.toAbsolutePath();
        this.listener = listener;
        this.credentials = credentials;
        this.compression = Objects.requireNonNull(compression, "compression");
        this.cacheMaxBytes = cacheMaxBytes;
    }

    public ImageBuilder(Path cacheDirectory, BuildListener listener, RegistryCredentials credentials) {
        this(cacheDirectory, listener, credentials, DEFAULT_COMPRESSION, BlobStoreCap.DEFAULT_CAP_BYTES);
    }

    /** Looks credentials up in this user's docker and podman auth files when a target has none. */
    public ImageBuilder(Path cacheDirectory, BuildListener listener) {
        this(cacheDirectory, listener, RegistryCredentials.ofSystem());
    }

    /** For tests of registry faults: fewer or faster retries. */
    ImageBuilder withRetries(RetryPolicy retries) {
        this.retries = retries;
        return this;
    }

    /** For tests of uploads while compressing: many small chunks from a small layer. */
    ImageBuilder withUploadChunkBytes(int chunkBytes) {
        this.uploadChunkBytes = chunkBytes;
        return this;
    }

    /** {@code $XDG_CACHE_HOME/scratch-maven-plugin}, else {@code ~/.cache/scratch-maven-plugin}. */
    public static Path defaultCacheDirectory() {
        return defaultCacheDirectory(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static Path defaultCacheDirectory(Map<String, String> environment, Path home) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve(Tool.CURRENT.name());
    }

    public Path cacheDirectory() {
        return cacheDirectory;
    }

    public ImageResult build(ImagePlan plan, Target target) throws ImageBuildException {
        try (PreparedTarget prepared = prepare(target)) {
            return build(plan, prepared);
        }
    }

    /**
     * Checks the target's reference and tags and, for a registry, starts connecting to it in the
     * background (reachability, credentials, authentication), so that the connection overlaps
     * whatever the caller does before {@link #build(ImagePlan, PreparedTarget)}. Nothing is
     * written to the registry before that call. Close the result whether or not it was built.
     */
    public PreparedTarget prepare(Target target) throws ImageBuildException {
        // Before anything else: a zstd library that cannot load fails the build before it has done any work.
        try {
            compression.checkAvailable();
        } catch (ZstdUnavailableException e) {
            throw new ImageBuildException(e.getMessage(), e);
        }
        ImageReference reference = ImageReferences.forBuild(target.reference());
        BuildEvents events = new BuildEvents(listener);
        checkTags(target);
        if (!(target instanceof RegistryTarget registry)) {
            return new PreparedTarget(target, reference, events, null);
        }
        CredentialChain credential = new CredentialChain(registry.credential(),
                registry.credentialHelper(), registry.configuredCredential(), reference, credentials);
        RegistryPusher pusher = new RegistryPusher(events, retries, registry, reference, credential);
        pusher.start();
        return new PreparedTarget(target, reference, events, pusher);
    }

    public ImageResult build(ImagePlan plan, PreparedTarget prepared) throws ImageBuildException {
        // The DOCKER format for a CLI: docker load before Docker 25 rejects OCI archives, and the
        // engine keeps only the image, not the manifest the format would decide.
        ImageFormat format = prepared.target() instanceof DockerClientTarget ? ImageFormat.DOCKER : plan.format();
        return withLease(prepared, format, lease -> build(plan, prepared, format, lease));
    }

    /**
     * Builds one image per plan (one per platform; {@link ImagePlan#platform()} differs between
     * them) and delivers them as one multi-platform index: pushed to a registry (each platform by
     * digest, then the index under each tag) or written as an OCI layout tar. See
     * {@link PlatformIndexBuild}.
     */
    public MultiPlatformResult buildIndex(List<ImagePlan> plans, PreparedTarget prepared) throws ImageBuildException {
        ImageFormat format = plans.get(0).format();
        return withLease(prepared, format, lease -> PlatformIndexBuild.build(this, plans, prepared, format, lease));
    }

    /** The platform of the engine {@code target}'s CLI loads into, {@code linux/amd64}: the one platform it can run. */
    public static String enginePlatform(DockerClientTarget target) throws ImageBuildException {
        return CliImageLoader.platform(target);
    }

    /** Work on blobs that {@link #withLease} holds for it. */
    interface LeasedWork<T> {
        T run(BlobLease lease) throws ImageBuildException;
    }

    /** Runs {@code work} once the target can take it, holding its blobs in a lease, then trims the cache. */
    private <T> T withLease(PreparedTarget prepared, ImageFormat format, LeasedWork<T> work)
            throws ImageBuildException {
        if (prepared.pusher() != null) {
            // An unreachable or refusing registry fails the build before the compression, when it
            // has failed by now.
            Optional<Throwable> failed = prepared.pusher().failedEarly();
            if (failed.isPresent()) {
                throw prepared.pusher().failure(failed.get());
            }
        }
        if (format == ImageFormat.DOCKER && compression.algorithm() != LayerCompression.Algorithm.GZIP) {
            // The mojos refuse this with the POM's words before anything runs; this guards other callers.
            throw new ImageBuildException(compression + " layers need the OCI format: Docker manifests and"
                    + " docker-archive tars (docker load) hold gzip layers only");
        }
        BlobLease lease;
        try {
            lease = BlobLease.open(cacheDirectory);
        } catch (IOException e) {
            throw new ImageBuildException("could not open the layer cache " + cacheDirectory + ": " + e, e);
        }
        try {
            return work.run(lease);
        } finally {
            release(lease);
            evict();
        }
    }

    /** One image compressed and described, not yet delivered: its layers, their blobs, its documents. */
    record Described(ImagePlan plan, ImageFormat format, List<LayerSpec> specs, List<LayerBlob> blobs,
            List<String> outcomes, ImageDocuments documents) {

        ImageResult result(String reference, List<String> tags, boolean delivered, Optional<ImageSignature> signature) {
            List<ImageLayer> layers = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                layers.add(new ImageLayer(specs.get(i).name(), blobs.get(i).digest(), blobs.get(i).size()));
            }
            return new ImageResult(reference, tags, documents.manifestDigest(), documents.configDigest(),
                    plan.platform(), format, layers, delivered, signature);
        }
    }

    /** Compresses the plan's layers (progress up to {@code progressShare}) and writes its config and manifest. */
    Described describe(ImagePlan plan, ImageFormat format, PreparedTarget prepared, double progressShare,
            BlobLease lease) throws ImageBuildException {
        List<LayerSpec> specs = layerSpecs(plan);
        List<String> outcomes = new ArrayList<>();
        RegistryPusher pusher = prepared.pusher();
        UploadsWhileCompressing uploads = pusher == null ? null
                : uploadChunkBytes > 0 ? pusher.uploadsWhileCompressing(uploadChunkBytes)
                : pusher.uploadsWhileCompressing();
        List<LayerBlob> blobs = compress(specs, plan, prepared.hashes(), prepared.events(), progressShare, lease,
                outcomes, uploads);
        try {
            return new Described(plan, format, specs, blobs, outcomes, ImageDocuments.of(plan, format, compression,
                    specs.stream().map(LayerSpec::name).toList(), blobs));
        } catch (IOException e) {
            throw new ImageBuildException("could not write the image manifest: " + e.getMessage(), e);
        }
    }

    /** Everything the lease must outlive: the blobs are held until they are pushed, archived or loaded. */
    private ImageResult build(ImagePlan plan, PreparedTarget prepared, ImageFormat format, BlobLease lease)
            throws ImageBuildException {
        Target target = prepared.target();
        ImageReference reference = prepared.reference();
        BuildEvents events = prepared.events();
        Described image = describe(plan, format, prepared, target instanceof RegistryTarget ? 0.5 : 0.9, lease);
        ImageDocuments documents = image.documents();
        List<LayerBlob> blobs = image.blobs();

        // Java 17 has no pattern switch; Target is sealed, so these three are all.
        List<String> tags = ImageReferences.tags(reference, target.extraTags());
        List<String> names = ImageReferences.names(reference, target.extraTags());
        boolean delivered;
        Optional<ImageSignature> signature = Optional.empty();
        if (target instanceof RegistryTarget) {
            RegistryPusher.Pushed pushed = push(prepared, documents, blobs);
            tags = pushed.tags();
            signature = pushed.signature();
            delivered = true;
        } else if (target instanceof TarTarget tar) {
            writeArchive(tar.output(), names, format, documents, blobs);
            if (format == ImageFormat.OCI && names.size() > 1) {
                events.log(BuildListener.Level.LIFECYCLE, "The OCI archive names the image under each of its "
                        + names.size() + " tags; podman load takes an OCI archive with one name only: load one"
                        + " with skopeo copy oci-archive:" + tar.output() + ":" + names.get(0)
                        + " containers-storage:" + names.get(0) + ", or write <container><format>Docker</format>,"
                        + " a docker archive that podman load and docker load tag with every name");
            }
            delivered = false;
        } else {
            load((DockerClientTarget) target, names, documents, blobs, events);
            delivered = true;
        }
        events.finishProgress();
        logLayers(image, prepared, "");
        prepared.built(documents);
        return image.result(reference.toString(), tags, delivered, signature);
    }

    /** A line per layer: its size, whether it was compressed or reused, and for a registry whether it was uploaded. */
    static void logLayers(Described image, PreparedTarget prepared, String prefix) {
        boolean registry = prepared.target() instanceof RegistryTarget;
        RegistryPusher pusher = prepared.pusher();
        Set<String> alreadyThere = pusher != null ? pusher.blobsAlreadyThere() : Set.of();
        Set<String> uploadedEarly = pusher != null ? pusher.blobsUploadedWhileCompressing() : Set.of();
        for (int i = 0; i < image.specs().size(); i++) {
            LayerBlob blob = image.blobs().get(i);
            String pushed = !registry ? ""
                    : alreadyThere.contains(blob.digest()) ? ", already in the registry, nothing uploaded"
                    : uploadedEarly.contains(blob.digest()) ? ", uploaded as it was compressed"
                    : ", uploaded";
            prepared.events().log(BuildListener.Level.LIFECYCLE, "  " + prefix + "layer " + image.specs().get(i).name()
                    + " (" + human(blob.size()) + "): " + image.outcomes().get(i) + pushed);
        }
    }

    /**
     * Attaches {@code content} to the image just pushed through {@code prepared} as an OCI 1.1
     * referrer ({@link RegistryPusher#attach}) and returns the artifact manifest's digest.
     * {@code created} is an RFC 3339 time, the artifact's {@code org.opencontainers.image.created}.
     */
    public String attach(PreparedTarget prepared, String artifactType, byte[] content, String title, String created)
            throws ImageBuildException {
        if (prepared.pusher() == null || prepared.built() == null) {
            throw new IllegalStateException("attach needs an image pushed to a registry through this target first");
        }
        try {
            return prepared.pusher().attach(prepared.built(), artifactType, content, title, created);
        } catch (Exception e) {
            throw prepared.pusher().failure(e);
        }
    }

    /**
     * The same, to one of the manifests {@link #buildIndex} pushed through {@code prepared}: a
     * platform's image or the index itself, by its digest.
     */
    public String attach(PreparedTarget prepared, String subjectDigest, String artifactType, byte[] content,
            String title, String created) throws ImageBuildException {
        PreparedTarget.Pushed subject = prepared.pushed(subjectDigest).orElseThrow(() -> new IllegalStateException(
                "attach needs " + subjectDigest + " pushed to a registry through this target first"));
        try {
            return prepared.pusher().attach(subject.mediaType(), subject.digest(), subject.size(), artifactType,
                    content, title, created);
        } catch (Exception e) {
            throw prepared.pusher().failure(e);
        }
    }

    /** Bottom to top: the plan's extra layers, then the executable's. */
    private static List<LayerSpec> layerSpecs(ImagePlan plan) {
        List<LayerSpec> specs = new ArrayList<>(plan.extraLayersBefore());
        specs.add(new LayerSpec(EXECUTABLE_LAYER_NAME,
                List.of(new LayerFile(plan.executable(), plan.targetPath(), ImagePlan.EXECUTABLE_MODE))));
        return specs;
    }

    private void release(BlobLease lease) {
        try {
            lease.close();
        } catch (IOException e) {
            // Its lock goes with this process at the latest; until then its blobs are only kept longer.
            listener.log(BuildListener.Level.WARN, "could not release this build's hold on the layer cache "
                    + cacheDirectory + ": " + e);
        }
    }

    /** Keeps the cache under its cap; never fails the build, which has its image by now. */
    private void evict() {
        try {
            BlobStoreCap.Eviction eviction = new BlobStoreCap(cacheDirectory, cacheMaxBytes).evict();
            if (!eviction.evictedDigests().isEmpty()) {
                listener.log(BuildListener.Level.INFO, String.format("layer cache: removed %d least recently used"
                        + " blobs (%d bytes) to stay under %d bytes; %d bytes kept in %s",
                        eviction.evictedDigests().size(), eviction.freedBytes(), cacheMaxBytes, eviction.keptBytes(),
                        cacheDirectory));
            }
            if (!eviction.withinCap()) {
                listener.log(BuildListener.Level.INFO, String.format("layer cache: %d bytes kept in %s, over the"
                        + " cap of %d bytes, because builds running now use them", eviction.keptBytes(),
                        cacheDirectory, cacheMaxBytes));
            }
        } catch (IOException | RuntimeException e) {
            listener.log(BuildListener.Level.WARN, "could not keep the layer cache " + cacheDirectory
                    + " under its cap of " + cacheMaxBytes + " bytes (the image is built all the same): " + e);
        }
    }

    /**
     * Compression reports progress up to {@code progressShare} of the whole build. With
     * {@code uploads} (a registry target), a layer compressed now also goes to the registry as it
     * is compressed.
     */
    private List<LayerBlob> compress(List<LayerSpec> specs, ImagePlan plan, FileHashes hashes, BuildEvents events,
            double progressShare, BlobLease lease, List<String> outcomes, UploadsWhileCompressing uploads)
            throws ImageBuildException {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "scratch-compress");
            thread.setDaemon(true);
            return thread;
        });
        try {
            LayerBlobStore store = new LayerBlobStore(cacheDirectory, compression, executor, threads, lease, hashes);
            List<LayerBlob> blobs = new ArrayList<>();
            events.startPhase(0, progressShare, inputSize(specs));
            for (LayerSpec spec : specs) {
                try {
                    long started = System.nanoTime();
                    long[] compressed = {0};
                    LayerBlob blob = store.blobFor(spec, plan.filesModificationTime(), bytes -> {
                        compressed[0] += bytes;
                        events.advance(bytes);
                    }, uploads == null ? LayerTee.NONE : uploads);
                    if (uploads != null && uploads.stall().isPresent()) {
                        throw uploads.stall().get();
                    }
                    blobs.add(blob);
                    String how = compressed[0] == 0 ? "reused from the cache"
                            : "compressed in " + (System.nanoTime() - started) / 1_000_000 + " ms";
                    outcomes.add(how);
                    events.log(BuildListener.Level.INFO, String.format(
                            "layer %s: %s, %d bytes %s (%s)", spec.name(), blob.digest(), blob.size(),
                            compression.algorithm().configName(), how));
                } catch (IOException e) {
                    throw new ImageBuildException("could not write layer '" + spec.name() + "' to "
                            + cacheDirectory + ": " + e, e);
                }
            }
            return blobs;
        } finally {
            executor.shutdownNow();
        }
    }

    /** Compressed sizes as a reader compares them: {@code 512 B}, {@code 3.4 KiB}, {@code 12.0 MiB}. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kib = bytes / 1024.0;
        return kib < 1024 ? String.format(java.util.Locale.ROOT, "%.1f KiB", kib)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", kib / 1024);
    }

    /** Fails early, naming the layer, when a source file is missing. */
    private static long inputSize(List<LayerSpec> specs) throws ImageBuildException {
        long total = 0;
        for (LayerSpec spec : specs) {
            for (LayerFile file : spec.files()) {
                if (file.directory() || file.symlink()) {
                    continue;
                }
                try {
                    if (!Files.isRegularFile(file.source())) {
                        throw new java.nio.file.NoSuchFileException(file.source().toString());
                    }
                    total += Files.size(file.source());
                } catch (IOException e) {
                    throw new ImageBuildException("layer '" + spec.name() + "': " + file.source()
                            + " is not a readable regular file (it is to go to " + file.target() + ")", e);
                }
            }
        }
        return total;
    }

    private static void checkTags(Target target) throws InvalidReferenceException {
        for (String tag : target.extraTags()) {
            if (!ImageReference.isValidTag(tag)) {
                throw InvalidReferenceException.tag(tag);
            }
        }
    }

    private static RegistryPusher.Pushed push(PreparedTarget prepared, ImageDocuments documents, List<LayerBlob> blobs)
            throws ImageBuildException {
        try {
            return prepared.pusher().push(documents, blobs);
        } catch (Exception e) {
            throw prepared.pusher().failure(e);
        }
    }

    private static void writeArchive(Path output, List<String> names, ImageFormat format,
            ImageDocuments documents, List<LayerBlob> blobs) throws ImageBuildException {
        try {
            ImageArchive.write(output, names, format, documents, blobs);
        } catch (IOException e) {
            throw new ImageBuildException("could not write the image tar " + output + ": " + e, e);
        }
    }

    private void load(DockerClientTarget target, List<String> names, ImageDocuments documents,
            List<LayerBlob> blobs, BuildEvents events) throws ImageBuildException {
        Path tar;
        try {
            Path tmp = Files.createDirectories(cacheDirectory.resolve(LOAD_DIRECTORY));
            // What a killed build left here is as big as its image: swept as the blob store sweeps.
            PartialFiles.removeStale(tmp, Instant.now().minus(LayerBlobStore.STALE_PARTIAL_AGE));
            // Not created here: the archive writes it through a partial file of its own.
            tar = PartialFiles.partialIn(tmp, "load");
        } catch (IOException e) {
            throw new ImageBuildException("could not create a temporary tar in " + cacheDirectory + ": " + e, e);
        }
        try {
            // every name in the archive's RepoTags: docker load and podman load tag the image with each
            writeArchive(tar, names, ImageFormat.DOCKER, documents, blobs);
            events.log(BuildListener.Level.INFO, CliImageLoader.load(target, tar).strip());
        } finally {
            try {
                Files.deleteIfExists(tar);
            } catch (IOException e) {
                listener.log(BuildListener.Level.WARN, "could not delete " + tar + ": " + e.getMessage());
            }
        }
    }
}
