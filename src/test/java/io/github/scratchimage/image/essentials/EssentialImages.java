package io.github.scratchimage.image.essentials;

import static io.github.scratchimage.testing.ContainerTools.unpackImage;

import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.ImageFixtures;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.builder.ImageBuilder;
import io.github.scratchimage.testing.TestExecutables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a scratch image around one executable plus essentials, unpacks it, runs it in a chroot. */
public final class EssentialImages {
    private static final String CHROOT = TestExecutables.run(List.of("sh", "-c", "command -v chroot"), "coreutils").strip();
    private final Path work;
    private int count;
    ImageResult lastResult;
    Path lastTar;

    public EssentialImages(Path work) {
        this.work = work;
    }

    /** Builds the image into a tar, unpacks it with umoci, returns the rootfs; the executable is /app/probe. */
    public Path rootfs(Path executable, List<EssentialLayer> essentials) throws Exception {
        Path dir = work.resolve("image-" + (++count));
        Path probe = ImageFixtures.copyAs(executable, dir.resolve("in/probe"));
        Map<String, String> environment = new LinkedHashMap<>();
        ImagePlan.Builder plan = ImagePlan.builder(probe, Platform.linux("amd64"));
        for (EssentialLayer essential : essentials) {
            plan.addLayerBefore(essential.layer());
            environment.putAll(essential.environment());
        }
        plan.environment(environment);
        lastTar = dir.resolve("image.tar");
        lastResult = new ImageBuilder(work.resolve("cache"), BuildListener.NONE)
                .build(plan.build(), new TarTarget(lastTar, "probe:1"));
        return unpackImage("oci-archive:" + lastTar, dir);
    }

    /**
     * Runs /app/probe in the rootfs with the image's environment; {@code user} as chroot
     * --userspec wants it, or null for root. Throws AssertionError when it exits non-zero.
     */
    public static String run(Path rootfs, String user, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("env", "-i"));
        environment.forEach((k, v) -> command.add(k + "=" + v));
        command.add(CHROOT); // env -i clears PATH too
        if (user != null) {
            command.add("--userspec=" + user);
        }
        command.add(rootfs.toString());
        command.add("/app/probe");
        command.addAll(List.of(args));
        return TestExecutables.run(command, "coreutils provides chroot and env");
    }
}
