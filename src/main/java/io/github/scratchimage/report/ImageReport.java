package io.github.scratchimage.report;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.image.ImageLayer;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.ImageSignature;
import io.github.scratchimage.image.IndexResult;
import io.github.scratchimage.image.MultiPlatformResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.libraries.LibraryTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code target/scratch-image.json}: what was built, for release pipelines. */
public final class ImageReport {
    private ImageReport() {
    }

    /**
     * Ours, followed by jib-image.json's names for the same facts, so a pipeline written for Jib
     * reads this file unchanged: {@code imageDigest} (the manifest digest), {@code imageId} and
     * {@code tags} (shared with ours), and {@code imagePushed} (true when {@code build} pushed it to
     * a registry; false for a tar or an image loaded into an engine). {@code target} says which
     * image the file describes: {@code registry}, {@code tar} or {@code docker} (loaded through a
     * CLI, always in the Docker format).
     */
    public static Map<String, Object> json(ImageResult r, BinaryAnalysis analysis, Optional<LibraryTree> libraries,
            Target target) {
        Map<String, Object> m = json(r, analysis, libraries);
        m.put("target", target instanceof RegistryTarget ? "registry" : target instanceof TarTarget ? "tar" : "docker");
        if (target instanceof TarTarget tar) {
            m.put("tar", tar.output().toString());
        }
        m.put("imageDigest", r.digest());
        m.put("imagePushed", target instanceof RegistryTarget && r.delivered());
        return m;
    }

    public static Map<String, Object> json(ImageResult r, BinaryAnalysis analysis, Optional<LibraryTree> libraries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", r.reference());
        m.put("tags", r.tags());
        m.put("digest", r.digest());
        m.put("imageId", r.imageId());
        m.put("platform", r.platform().toString());
        m.put("format", r.format());
        m.put("linkage", analysis.linkage());
        m.put("executable", analysis.file());
        List<Map<String, Object>> layers = r.layers().stream().map(ImageReport::layer).toList();
        m.put("layers", layers);
        m.put("compressedSize", r.totalCompressedSize());
        m.put("delivered", r.delivered());
        libraries.ifPresent(tree -> m.put("bundled", CheckReport.bundled(tree)));
        r.signature().ifPresent(signature -> m.put("signature", signature(signature)));
        return m;
    }

    /** Where the cosign signature is: its tag in the image's repository and its manifest's digest. */
    private static Map<String, Object> signature(ImageSignature s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signed", s.signedDigest());
        m.put("tag", s.tag());
        m.put("digest", s.digest());
        m.put("pushed", !s.keptAsIs());
        return m;
    }

    /**
     * The line a build ends with: {@code Pushed registry/app:1.0@sha256:… (23.5 MiB compressed, linux/amd64)},
     * with {@code tagged 1.0, latest, stable} before the parenthesis when the image has more than
     * one tag, and {@code signed (tag sha256-….sig)} in it when the push was signed; {@code verb}
     * says where the image went.
     */
    public static String summary(String verb, ImageResult result) {
        return summary(verb, result, false);
    }

    /**
     * With {@code withImageId}, the image ID as {@code docker images} and {@code podman images}
     * show it (the config digest's first 12 hex digits) leads the parenthesis: what a user of a
     * local engine looks for.
     */
    public static String summary(String verb, ImageResult result, boolean withImageId) {
        String reference = result.reference();
        int at = reference.indexOf('@');
        String base = at >= 0 ? reference.substring(0, at) : reference;
        String tags = result.tags().size() > 1 ? " tagged " + String.join(", ", result.tags()) : "";
        String id = withImageId ? "image ID " + shortImageId(result.imageId()) + ", " : "";
        return verb + " " + base + "@" + result.digest() + tags + " (" + id + Sizes.human(result.totalCompressedSize())
                + " compressed, " + result.platform() + signed(result.signature()) + ")";
    }

    /** {@code , signed (tag sha256-….sig)} for a signed push, the tag {@code cosign verify} reads. */
    private static String signed(Optional<ImageSignature> signature) {
        return signature.map(s -> ", signed (tag " + s.tag() + ")").orElse("");
    }

    /**
     * {@code scratch-image.json} of several platforms built as one index: the index (its digest is
     * {@code digest} and Jib's {@code imageDigest}; {@code imageId} is that of {@code local}, the
     * image of this machine's platform, or else the first) and each platform's image with its
     * manifest digest, config digest, manifest size and layers.
     */
    public static Map<String, Object> json(MultiPlatformResult r, ImageResult local, Target target) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", r.reference());
        m.put("tags", r.tags());
        m.put("digest", r.digest());
        m.put("imageId", local.imageId());
        m.put("mediaType", r.mediaType());
        m.put("size", r.size());
        m.put("format", r.format());
        m.put("platforms", r.images().stream().map(p -> {
            Map<String, Object> platform = new LinkedHashMap<>();
            platform.put("platform", p.image().platform().toString());
            platform.put("digest", p.image().digest());
            platform.put("imageId", p.image().imageId());
            platform.put("size", p.manifestSize());
            platform.put("compressedSize", p.image().totalCompressedSize());
            platform.put("layers", p.image().layers().stream().map(ImageReport::layer).toList());
            p.image().signature().ifPresent(signature -> platform.put("signature", signature(signature)));
            return platform;
        }).toList());
        m.put("delivered", r.delivered());
        r.signature().ifPresent(signature -> m.put("signature", signature(signature)));
        m.put("target", target instanceof RegistryTarget ? "registry" : target instanceof TarTarget ? "tar" : "docker");
        if (target instanceof TarTarget tar) {
            m.put("tar", tar.output().toString());
        }
        m.put("imageDigest", r.digest());
        m.put("imagePushed", target instanceof RegistryTarget && r.delivered());
        return m;
    }

    /**
     * {@code Pushed registry/app:1.0@sha256:… tagged 1.0, latest (index of linux/amd64, linux/arm64)},
     * with {@code , signed (tag sha256-….sig)} for a signed index.
     */
    public static String summary(String verb, MultiPlatformResult result) {
        String tags = result.tags().size() > 1 ? " tagged " + String.join(", ", result.tags()) : "";
        return verb + " " + result.reference() + "@" + result.digest() + tags + " (index of "
                + String.join(", ", result.platforms()) + signed(result.signature()) + ")";
    }

    /** {@code scratch-image.json} of the {@code index} goal: the index and each platform's manifest. */
    public static Map<String, Object> json(IndexResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", r.reference());
        m.put("tags", r.tags());
        m.put("digest", r.digest());
        m.put("mediaType", r.mediaType());
        m.put("size", r.size());
        m.put("platforms", r.platforms().stream().map(p -> {
            Map<String, Object> platform = new LinkedHashMap<>();
            platform.put("platform", p.platform());
            platform.put("digest", p.digest());
            platform.put("size", p.size());
            platform.put("mediaType", p.mediaType());
            platform.put("source", p.source());
            return platform;
        }).toList());
        r.signature().ifPresent(signature -> m.put("signature", signature(signature)));
        return m;
    }

    /** {@code Pushed index registry/app:1.0@sha256:… (linux/amd64, linux/arm64)}. */
    public static String summary(IndexResult result) {
        return "Pushed index " + result.reference() + "@" + result.digest() + " ("
                + String.join(", ", result.platforms().stream().map(IndexResult.PlatformImage::platform).toList())
                + signed(result.signature()) + ")";
    }

    /** {@code sha256:0123456789ab…} as {@code docker images} shows it: {@code 0123456789ab}. */
    public static String shortImageId(String imageId) {
        String hex = imageId.startsWith("sha256:") ? imageId.substring("sha256:".length()) : imageId;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static Map<String, Object> layer(ImageLayer l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("digest", l.digest());
        m.put("size", l.compressedSize());
        return m;
    }
}
