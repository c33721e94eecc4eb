package io.github.scratchimage.image.builder;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.image.events.BuildEvents;
import io.github.scratchimage.image.layer.FileHashes;
import io.github.scratchimage.image.manifest.ImageDocuments;
import io.github.scratchimage.image.registry.RegistryPusher;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A target the builder has started on (see {@link ImageBuilder#prepare}): for a registry, the
 * connection is being made in the background. Closing it stops a connection that is no longer
 * needed, as when the executable's check fails; it is safe to close after a build.
 */
public final class PreparedTarget implements AutoCloseable {
    private final Target target;
    private final ImageReference reference;
    private final BuildEvents events;
    private final RegistryPusher pusher;
    private final FileHashes hashes = new FileHashes();
    /** The documents of the image built through this target, once it is built. */
    private ImageDocuments built;
    /** Every manifest an index build pushed through this target (each platform's, the index), by digest. */
    private final Map<String, Pushed> pushed = new HashMap<>();

    /** A manifest's descriptor: what a referrer names as its subject. */
    record Pushed(String mediaType, String digest, long size) {
    }

    PreparedTarget(Target target, ImageReference reference, BuildEvents events, RegistryPusher pusher) {
        this.target = target;
        this.reference = reference;
        this.events = events;
        this.pusher = pusher;
    }

    Target target() {
        return target;
    }

    ImageReference reference() {
        return reference;
    }

    BuildEvents events() {
        return events;
    }

    void built(ImageDocuments documents) {
        built = documents;
    }

    ImageDocuments built() {
        return built;
    }

    void pushed(String mediaType, String digest, long size) {
        pushed.put(digest, new Pushed(mediaType, digest, size));
    }

    Optional<Pushed> pushed(String digest) {
        return Optional.ofNullable(pushed.get(digest));
    }

    /**
     * The file hashes of the build through this target: the caller may start the executable's
     * while it checks it, the layer keys use them, and the SBOM reads them afterwards.
     */
    public FileHashes hashes() {
        return hashes;
    }

    /** Null unless the target is a registry. */
    RegistryPusher pusher() {
        return pusher;
    }

    @Override
    public void close() {
        hashes.cancel();
        if (pusher != null) {
            pusher.close();
        }
    }
}
