package io.github.scratchimage.image.builder;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageReferences;
import io.github.scratchimage.image.ImageSignature;
import io.github.scratchimage.image.MultiPlatformResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.image.archive.ImageArchive;
import io.github.scratchimage.image.events.BuildEvents;
import io.github.scratchimage.image.layer.BlobLease;
import io.github.scratchimage.image.manifest.ImageDocuments;
import io.github.scratchimage.image.manifest.ImageIndex;
import io.github.scratchimage.image.registry.RegistryPusher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One image per plan, delivered as one index. Every platform is compressed and described before
 * anything is delivered; then, for a registry, each platform's blobs and manifest go by digest
 * (no tag), then the index by digest and under each tag, tags last, so a failure leaves every tag
 * on the image it named before; for a tar, one OCI layout holds the index and every platform.
 * The index's bytes depend on the platforms' manifests alone ({@link ImageIndex}), so the same
 * executables give the same index digest.
 */
final class PlatformIndexBuild {
    private PlatformIndexBuild() {
    }

    static MultiPlatformResult build(ImageBuilder builder, List<ImagePlan> plans, PreparedTarget prepared,
            ImageFormat format, BlobLease lease) throws ImageBuildException {
        Target target = prepared.target();
        boolean registry = target instanceof RegistryTarget;
        if (!registry && !(target instanceof TarTarget && format == ImageFormat.OCI)) {
            // The pipeline refuses these with the POM's words before anything runs; this guards other callers.
            throw new IllegalArgumentException("an index goes to a registry, or to a tar in the OCI format");
        }
        BuildEvents events = prepared.events();
        List<ImageBuilder.Described> images = new ArrayList<>();
        List<ImageIndex.Entry> entries = new ArrayList<>();
        for (ImagePlan plan : plans) {
            ImageBuilder.Described image = builder.describe(plan, format, prepared, registry ? 0.5 : 0.9, lease);
            ImageDocuments documents = image.documents();
            images.add(image);
            entries.add(new ImageIndex.Entry(documents.manifestMediaType(), documents.manifestDigest(),
                    documents.manifest().length, plan.platform().os(), plan.platform().architecture(),
                    plan.platform().variant()));
        }
        ImageIndex index = ImageIndex.of(entries);
        ImageReference reference = prepared.reference();
        List<String> tags;
        Map<String, ImageSignature> signatures = new HashMap<>();
        Optional<ImageSignature> indexSignature = Optional.empty();
        if (registry) {
            RegistryPusher.Pushed pushed = push(prepared, images, index, signatures);
            tags = pushed.tags();
            indexSignature = pushed.signature();
        } else {
            TarTarget tar = (TarTarget) target;
            List<String> names = ImageReferences.names(reference, target.extraTags());
            try {
                ImageArchive.writeIndex(tar.output(), names.get(0), index, images.stream()
                        .map(image -> new ImageArchive.PlatformImage(image.documents(), image.blobs())).toList());
            } catch (IOException e) {
                throw new ImageBuildException("could not write the image tar " + tar.output() + ": " + e, e);
            }
            tags = ImageReferences.tags(reference, target.extraTags());
        }
        events.finishProgress();
        List<MultiPlatformResult.PlatformImage> results = new ArrayList<>();
        for (ImageBuilder.Described image : images) {
            ImageBuilder.logLayers(image, prepared, image.plan().platform() + " ");
            results.add(new MultiPlatformResult.PlatformImage(image.result(reference.toString(), List.of(), registry,
                    Optional.ofNullable(signatures.get(image.documents().manifestDigest()))),
                    image.documents().manifest().length));
        }
        // in the index's order, which is the platforms' order, whatever order the executables came in
        results.sort(java.util.Comparator.comparing(r -> index.platforms().indexOf(r.image().platform().toString())));
        return new MultiPlatformResult(reference.toString(), tags, index.digest(), index.mediaType(), index.size(),
                format, results, registry, indexSignature);
    }

    /** Pushes every platform by digest, then the index; each signature, when the target signs, into {@code signatures}. */
    private static RegistryPusher.Pushed push(PreparedTarget prepared, List<ImageBuilder.Described> images,
            ImageIndex index, Map<String, ImageSignature> signatures) throws ImageBuildException {
        try {
            for (ImageBuilder.Described image : images) {
                prepared.events().log(BuildListener.Level.INFO, "pushing the " + image.plan().platform() + " image "
                        + image.documents().manifestDigest() + " by digest");
                prepared.pusher().pushByDigest(image.documents(), image.blobs())
                        .ifPresent(signature -> signatures.put(image.documents().manifestDigest(), signature));
                prepared.pushed(image.documents().manifestMediaType(), image.documents().manifestDigest(),
                        image.documents().manifest().length);
            }
            RegistryPusher.Pushed pushed = prepared.pusher().pushIndex(index);
            prepared.pushed(index.mediaType(), index.digest(), index.size());
            return pushed;
        } catch (Exception e) {
            throw prepared.pusher().failure(e);
        }
    }
}
