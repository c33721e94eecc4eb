package io.github.scratchimage.image.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageReferences;
import io.github.scratchimage.image.ImageSignature;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.Tool;
import io.github.scratchimage.image.events.BuildEvents;
import io.github.scratchimage.image.layer.LayerBlob;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.image.manifest.ImageDocuments;
import io.github.scratchimage.image.manifest.ImageIndex;
import io.github.scratchimage.image.manifest.Referrers;
import java.io.IOException;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Pushes blobs we made and the manifest naming them through Jib's registry client, the same
 * client (authentication, token scopes, HTTP failover, retries) Jib's own build steps use, in
 * their order: authenticate, then each blob unless the registry has it, then the config, then
 * the manifest once per tag. A tag is written only after every blob it names is in the registry
 * (and, for a signed push, after the signature), so a failed push never leaves a tag pointing at
 * a broken or unsigned image.
 *
 * <p>Why not Jib's {@code Containerizer}: it accepts only files, compresses them on one thread
 * and writes headers we do not want (see {@link LayerTar}); its registry client takes any blob.
 * {@code RegistryClient} is public in jib-core but outside its documented API, so only this
 * package uses it: this class, and {@link IndexPusher} and {@link RawManifests} through this
 * class's connection ({@link #run}).
 */
public final class RegistryPusher implements AutoCloseable {
    private static final String USER_AGENT = Tool.CURRENT.userAgent();

    private final BuildEvents events;
    private final Set<String> alreadyThere = ConcurrentHashMap.newKeySet();
    /** Blobs {@link UploadsWhileCompressing} put in the registry during this build's compression. */
    private final Set<String> uploadedWhileCompressing = ConcurrentHashMap.newKeySet();
    private final RetryPolicy retries;
    private final RegistryTarget target;
    private final ImageReference reference;
    private final CredentialChain credentials;
    private final StallWatchdog watchdog = new StallWatchdog(StallWatchdog.forJibTimeout());
    private final CompletableFuture<Optional<Credential>> credential = new CompletableFuture<>();
    private final CompletableFuture<RegistryClient> client = new CompletableFuture<>();
    /** Guarded by this: a client opened after {@link #close} is shut down at once. */
    private FailoverHttpClient http;
    private boolean closed;
    private volatile Thread connecting;
    /** What the push was doing when it failed, for its message: "authenticating", "pushing blob ...". */
    private volatile String currentStep;

    public RegistryPusher(BuildEvents events, RetryPolicy retries, RegistryTarget target, ImageReference reference,
            CredentialChain credentials) {
        this.events = events;
        this.retries = retries;
        this.target = target;
        this.reference = reference;
        this.credentials = credentials;
    }

    /**
     * Starts, on a thread of its own, what needs only the target: the reachability check, the
     * credential lookup, the client and its authentication. Why: for an unchanged executable they
     * are most of a build's time (the first TLS handshake alone warms up the JDK's TLS stack for
     * about half a second), and they can overlap the executable's check and compression.
     * {@link #push} waits for them and reports their failures; nothing is written before it.
     */
    public void start() {
        Thread thread = new Thread(this::connect, "scratch-connect");
        thread.setDaemon(true);
        connecting = thread;
        thread.start();
    }

    /** The failure of the connection started by {@link #start}, if it has already failed. */
    public Optional<Throwable> failedEarly() {
        if (!client.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            client.getNow(null);
            return Optional.empty();
        } catch (java.util.concurrent.CompletionException e) {
            return Optional.of(e.getCause());
        }
    }

    /** What {@link #push} wrote: the tags, the reference's own first, and the signature when the target signs. */
    public record Pushed(List<String> tags, Optional<ImageSignature> signature) {
    }

    /**
     * Pushes the image; with the target's signing key, its manifest by digest, then its signature
     * ({@link ImageSigner}), then the tags, so that no tag names the image before it is signed.
     * Throws what Jib's client throws, or {@link RegistryStalledException} when the registry stops
     * answering.
     */
    public Pushed push(ImageDocuments documents, List<LayerBlob> layers) throws Exception {
        // Before the watchdog: a credential helper may take its time, and that is not the registry's.
        Optional<Credential> found = await(credential);
        try {
            return watchdog.run(() -> pushAll(await(client), found, documents, layers,
                    ImageReferences.tags(reference, target.extraTags())));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RegistryStalledException(reference.getRegistry(), currentStep, watchdog.limit());
        }
    }

    /**
     * One platform's image of an index: its blobs, then its manifest by digest, under no tag, so
     * that no tag moves before {@link #pushIndex} names every platform.
     */
    public Optional<ImageSignature> pushByDigest(ImageDocuments documents, List<LayerBlob> layers) throws Exception {
        Optional<Credential> found = await(credential);
        try {
            return watchdog.run(() -> pushAll(await(client), found, documents, layers,
                    List.of(documents.manifestDigest()))).signature();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RegistryStalledException(reference.getRegistry(), currentStep, watchdog.limit());
        }
    }

    /**
     * The index of images {@link #pushByDigest} pushed: by its digest, then under each tag, the
     * reference's own first, so that a failure leaves every tag where it was; with the target's
     * signing key the index is signed between its digest and its tags.
     */
    public Pushed pushIndex(ImageIndex index) throws Exception {
        Optional<Credential> found = await(credential);
        try {
            return watchdog.run(() -> {
                RegistryClient registry = await(client);
                RetryPolicy.RegistryCall reauthenticate = () -> authenticate(registry, found);
                List<String> tags = ImageReferences.tags(reference, target.extraTags());
                pushIndexAs(registry, index, index.digest(), reauthenticate);
                Optional<ImageSignature> signature = target.signingKey() == null ? Optional.empty()
                        : Optional.of(new ImageSigner(target.signingKey(), reference)
                                .sign(new Session(registry, found), index.digest()));
                for (String tag : tags) {
                    pushIndexAs(registry, index, tag, reauthenticate);
                }
                return new Pushed(tags, signature);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RegistryStalledException(reference.getRegistry(), currentStep, watchdog.limit());
        }
    }

    private void pushIndexAs(RegistryClient registry, ImageIndex index, String tagOrDigest,
            RetryPolicy.RegistryCall reauthenticate) throws IOException, RegistryException {
        step(tagOrDigest.equals(index.digest()) ? "pushing the index " + index.digest()
                : "pushing the index for tag " + tagOrDigest, reauthenticate, () -> {
                    Optional<String> stored = RawManifests.push(registry, reference.getRepository(), tagOrDigest,
                            index.bytes(), index.mediaType());
                    if (stored.isPresent() && !stored.get().equals(index.digest())) {
                        throw new IOException("the registry stored " + stored.get() + " for the index " + index.digest());
                    }
                });
    }

    /**
     * Attaches {@code content} to the image {@code documents} describe, pushed before through this
     * pusher, as an OCI 1.1 referrer: the empty config and the content as blobs, the artifact
     * manifest by its digest, then the referrers tag ({@code sha256-<hex>} of the image) rewritten
     * to list it beside the referrers it lists already. For registries without the referrers API,
     * such as the CNCF distribution registry 2.x; one with it reads the tag the same way. Returns
     * the artifact manifest's digest.
     */
    public String attach(ImageDocuments documents, String artifactType, byte[] content, String title, String created)
            throws Exception {
        return attach(documents.manifestMediaType(), documents.manifestDigest(), documents.manifest().length,
                artifactType, content, title, created);
    }

    /** The same, to any manifest pushed before through this pusher (an index's too), named by its descriptor. */
    public String attach(String subjectMediaType, String subjectDigest, long subjectSize, String artifactType,
            byte[] content, String title, String created) throws Exception {
        Optional<Credential> found = await(credential);
        try {
            return watchdog.run(() -> attachAll(await(client), found, subjectMediaType, subjectDigest, subjectSize,
                    artifactType, content, title, created));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RegistryStalledException(reference.getRegistry(), currentStep, watchdog.limit());
        }
    }

    private String attachAll(RegistryClient client, Optional<Credential> credential, String subjectMediaType,
            String subjectDigest, long subjectSize, String artifactType, byte[] content, String title, String created)
            throws IOException, RegistryException {
        RetryPolicy.RegistryCall reauthenticate = () -> authenticate(client, credential);
        byte[] empty = Referrers.emptyConfig();
        step("pushing the empty config of the " + title + " artifact", reauthenticate,
                () -> pushSmallBlob(client, empty));
        step("pushing " + title, reauthenticate, () -> pushSmallBlob(client, content));
        Referrers.ArtifactManifest manifest = Referrers.artifact(artifactType, content, title, created,
                subjectMediaType, subjectDigest, subjectSize);
        byte[] manifestBytes = Referrers.bytes(manifest);
        String digest = Sha256.of(manifestBytes);
        step("pushing the manifest of the " + title + " artifact", reauthenticate,
                () -> client.pushManifest(manifest, digest));
        String tag = Referrers.referrersTag(subjectDigest);
        Referrers.ReferrersIndex[] index = {new Referrers.ReferrersIndex()};
        step("reading the referrers tag " + tag, reauthenticate, () -> index[0] = readIndex(client, tag));
        if (index[0].add(manifest, digest, manifestBytes.length)) {
            step("pushing the referrers tag " + tag, reauthenticate, () -> client.pushManifest(index[0], tag));
        } else {
            events.onLog(LogEvent.debug("the referrers tag " + tag + " already lists " + digest));
        }
        return digest;
    }

    /**
     * The index under {@code tag} as the registry holds it, or a new one when there is none. Read as
     * bytes ({@link RawManifests}): Jib's {@code pullManifest} parses an index into its own template,
     * which fails on (or would drop) the {@code artifactType} of its entries.
     */
    private Referrers.ReferrersIndex readIndex(RegistryClient client, String tag) throws IOException, RegistryException {
        Optional<RawManifests.Pulled> pulled = RawManifests.pull(client, reference.getRepository(), tag);
        if (pulled.isEmpty()) {
            return new Referrers.ReferrersIndex(); // the image's first referrer
        }
        return JsonTemplateMapper.readJson(pulled.get().bytes(), Referrers.ReferrersIndex.class);
    }

    /** A blob of a few kilobytes, outside the image's progress. */
    private void pushSmallBlob(RegistryClient client, byte[] content) throws IOException, RegistryException {
        DescriptorDigest descriptor = descriptor(Sha256.of(content));
        if (client.checkBlob(descriptor).isEmpty()) {
            client.pushBlob(descriptor, Blobs.from(new java.io.ByteArrayInputStream(content)), null,
                    bytes -> watchdog.touch());
        }
    }

    /**
     * Uploads the layers of the coming build while they are compressed, through this pusher's
     * connection; the push then sends only what those uploads did not put in the registry.
     */
    public UploadsWhileCompressing uploadsWhileCompressing() {
        return uploadsWhileCompressing(UploadsWhileCompressing.DEFAULT_CHUNK_BYTES);
    }

    /** The same with chunks of {@code chunkBytes}: tests send many small ones. */
    public UploadsWhileCompressing uploadsWhileCompressing(int chunkBytes) {
        return new UploadsWhileCompressing(this, chunkBytes);
    }

    /** Registry work other than one image's push (an index of pushed images), under the same watchdog. */
    interface Work<T> {
        T run(Session session) throws Exception;
    }

    /**
     * Runs {@code work} once the connection of {@link #start} is made, with its authenticated
     * client of the target repository, under the stall watchdog; throws what {@link #push} throws.
     */
    <T> T run(Work<T> work) throws Exception {
        Optional<Credential> found = await(credential);
        try {
            return watchdog.run(() -> work.run(new Session(await(client), found)));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RegistryStalledException(reference.getRegistry(), currentStep, watchdog.limit());
        }
    }

    /** The connection's clients, and each registry call as a step: retried, named in messages, watched. */
    final class Session {
        private final RegistryClient target;
        private final Optional<Credential> credential;

        private Session(RegistryClient target, Optional<Credential> credential) {
            this.target = target;
            this.credential = credential;
        }

        /** The authenticated client of the target repository: pull and push. */
        RegistryClient target() {
            return target;
        }

        /** The target repository, as {@link RawManifests} names it. */
        String repository() {
            return reference.getRepository();
        }

        /** A blob of a few kilobytes into the target repository, unless it is there. */
        void pushSmallBlob(String what, byte[] content) throws IOException, RegistryException {
            step(what, target, true, () -> RegistryPusher.this.pushSmallBlob(target, content));
        }

        /**
         * A client of another repository of the same registry, authenticated to pull; or, with
         * {@code mountFrom}, of the target repository with a token that may also pull from
         * {@code mountFrom}, as a cross-repository mount needs.
         */
        RegistryClient open(String repository, String mountFrom) throws IOException, RegistryException {
            FailoverHttpClient opened;
            synchronized (RegistryPusher.this) {
                opened = http;
            }
            RegistryClient.Factory factory = mountFrom == null
                    ? RegistryClient.factory(handlers(), reference.getRegistry(), repository, opened)
                    : RegistryClient.factory(handlers(), reference.getRegistry(), repository, mountFrom, opened);
            RegistryClient other = factory.setCredential(credential.orElse(null)).setUserAgent(USER_AGENT)
                    .newRegistryClient();
            boolean push = mountFrom != null;
            step("authenticating to " + repository, other, push, () -> authenticate(other, credential, push));
            return other;
        }

        /**
         * One call through {@code client}: retried when transient, re-authenticated once on a 401
         * ({@code push}: with a token that may push).
         */
        void step(String what, RegistryClient client, boolean push, RetryPolicy.RegistryCall call)
                throws IOException, RegistryException {
            RegistryPusher.this.step(what, () -> authenticate(client, credential, push), call);
        }

        void touch() {
            watchdog.touch();
        }

        /** Names what is being done, for messages (a stall's), without a retried step. */
        void describe(String what) {
            currentStep = what;
            watchdog.touch();
        }

        /** The HTTP client under the target's client, for calls it cannot make itself. */
        FailoverHttpClient http() {
            synchronized (RegistryPusher.this) {
                return http;
            }
        }

        String registry() {
            return reference.getRegistry();
        }

        /** {@code digest} is in the registry, whole: the push does not send it again. */
        void uploaded(String digest) {
            uploadedWhileCompressing.add(digest);
        }

        BuildEvents events() {
            return events;
        }
    }

    BuildEvents events() {
        return events;
    }

    private EventHandlers handlers() {
        return EventHandlers.builder().add(LogEvent.class, events::onLog).build();
    }

    /** Stops a connection still being made (the build failed before the push) and frees its sockets. */
    @Override
    public void close() {
        Thread thread = connecting;
        if (thread != null && thread.isAlive()) {
            thread.interrupt();
        }
        FailoverHttpClient opened;
        synchronized (this) {
            closed = true;
            opened = http;
        }
        shutDown(opened);
    }

    private void shutDown(FailoverHttpClient opened) {
        if (opened != null) {
            try {
                opened.shutDown();
            } catch (IOException e) {
                events.onLog(LogEvent.debug("closing the registry connection: " + e));
            }
        }
    }

    /** Keeps the client for {@link #close}; false, and the client shut down, when closed already. */
    private boolean keep(FailoverHttpClient opened) {
        synchronized (this) {
            if (!closed) {
                http = opened;
                return true;
            }
        }
        shutDown(opened);
        return false;
    }

    /** The blobs uploaded while they were compressed ({@link #uploadsWhileCompressing}). */
    public Set<String> blobsUploadedWhileCompressing() {
        return Set.copyOf(uploadedWhileCompressing);
    }

    /** The blobs {@link #push} found in the registry already, and so did not upload. */
    public Set<String> blobsAlreadyThere() {
        return Set.copyOf(alreadyThere);
    }

    /** A failure of {@link #push} or of the connection, as the message the user reads. */
    public ImageBuildException failure(Throwable failure) {
        return RegistryFailures.translate(failure, new RegistryFailures.Context(reference.getRegistry(),
                reference.getRepository(), currentStep, credentials.username(), credentials.password(),
                credentials.sources(reference.getRegistry())));
    }

    private void connect() {
        try {
            checkRegistry();
            Optional<Credential> found = credentials.retrieve();
            found.ifPresent(secret -> events.secret(secret.getPassword()));
            credential.complete(found);

            currentStep = "authenticating";
            EventHandlers handlers = handlers();
            FailoverHttpClient opened = new FailoverHttpClient(target.allowInsecureRegistries(),
                    target.sendCredentialsOverHttp(), events::onLog);
            if (!keep(opened)) {
                throw new java.io.InterruptedIOException("the build no longer needs the registry");
            }
            RegistryClient registry = RegistryClient.factory(handlers, reference.getRegistry(),
                            reference.getRepository(), opened)
                    .setCredential(found.orElse(null))
                    .setUserAgent(USER_AGENT)
                    .newRegistryClient();
            authenticate(registry, found);
            client.complete(registry);
        } catch (Throwable e) {
            credential.completeExceptionally(e);
            client.completeExceptionally(e);
        }
    }

    /** Fails in seconds where Jib's client would retry for a minute: nothing listening, untrusted TLS. */
    private void checkRegistry() throws ImageBuildException {
        if (RegistryEndpoint.proxyConfigured()) {
            return;
        }
        RegistryEndpoint endpoint = RegistryEndpoint.parse(reference.getRegistry());
        endpoint.checkReachable(target.allowInsecureRegistries());
        if (!target.allowInsecureRegistries()) {
            endpoint.checkTrustedTls(reference.getRegistry());
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Blobs, config, then the manifest under each of {@code names} (tags, or the manifest's own
     * digest alone for an index's platform). With the target's signing key the manifest goes by
     * digest first and is signed before any tag names it.
     */
    private Pushed pushAll(RegistryClient client, Optional<Credential> credential, ImageDocuments documents,
            List<LayerBlob> layers, List<String> names) throws IOException, RegistryException {
        RetryPolicy.RegistryCall reauthenticate = () -> authenticate(client, credential);

        long total = documents.config().length;
        for (LayerBlob layer : layers) {
            total += layer.size();
        }
        events.startPhase(0.5, 1.0, total);
        for (LayerBlob layer : layers) {
            step("pushing blob " + layer.digest(), reauthenticate,
                    () -> pushBlob(client, layer.digest(), Blobs.from(layer.file()), layer.size()));
        }
        step("pushing the config " + documents.configDigest(), reauthenticate,
                () -> pushBlob(client, documents.configDigest(),
                        Blobs.from(new java.io.ByteArrayInputStream(documents.config())), documents.config().length));

        Optional<ImageSignature> signature = Optional.empty();
        String digest = documents.manifestDigest();
        if (target.signingKey() != null) {
            step("pushing the manifest " + digest, reauthenticate, () -> pushManifest(client, documents, digest));
            signature = Optional.of(new ImageSigner(target.signingKey(), reference)
                    .sign(new Session(client, credential), digest));
        }
        List<String> tags = new ArrayList<>();
        for (String name : names) {
            if (name.equals(digest)) {
                if (signature.isEmpty()) {
                    step("pushing the manifest " + digest, reauthenticate, () -> pushManifest(client, documents, digest));
                }
                continue;
            }
            step("pushing the manifest for tag " + name, reauthenticate, () -> pushManifest(client, documents, name));
            tags.add(name);
        }
        return new Pushed(tags, signature);
    }

    private static void pushManifest(RegistryClient client, ImageDocuments documents, String tagOrDigest)
            throws IOException, RegistryException {
        DescriptorDigest pushed = client.pushManifest(documents.manifestTemplate(), tagOrDigest);
        if (!pushed.toString().equals(documents.manifestDigest())) {
            throw new IllegalStateException("Jib serialised the manifest differently from the archived"
                    + " one: " + pushed + " vs " + documents.manifestDigest());
        }
    }

    private void step(String what, RetryPolicy.RegistryCall reauthenticate, RetryPolicy.RegistryCall call)
            throws IOException, RegistryException {
        currentStep = what;
        watchdog.touch();
        retries.run(what, events, reauthenticate, call);
    }

    /** Jib's order: a bearer token when the registry offers one, else basic authentication. */
    private static void authenticate(RegistryClient client, Optional<Credential> credential)
            throws IOException, RegistryException {
        authenticate(client, credential, true);
    }

    /** The same, for a token that may only pull when {@code push} is false. */
    private static void authenticate(RegistryClient client, Optional<Credential> credential, boolean push)
            throws IOException, RegistryException {
        boolean bearer = push ? client.doPushBearerAuth() : client.doPullBearerAuth();
        if (!bearer && credential.isPresent() && !credential.get().isOAuth2RefreshToken()) {
            client.configureBasicAuth();
        }
    }

    private void pushBlob(RegistryClient client, String digest, Blob blob, long size)
            throws IOException, RegistryException {
        if (uploadedWhileCompressing.contains(digest)) {
            events.advance(size);
            return;
        }
        DescriptorDigest descriptor = descriptor(digest);
        if (client.checkBlob(descriptor).isPresent()) {
            alreadyThere.add(digest);
            events.onLog(LogEvent.debug("registry already has " + digest + ", not pushed"));
            events.advance(size);
            return;
        }
        client.pushBlob(descriptor, blob, null, bytes -> {
            watchdog.touch();
            events.advance(bytes);
        });
    }

    private static DescriptorDigest descriptor(String digest) {
        try {
            return DescriptorDigest.fromDigest(digest);
        } catch (DigestException e) {
            throw new IllegalStateException("not a digest we made: " + digest, e);
        }
    }
}
