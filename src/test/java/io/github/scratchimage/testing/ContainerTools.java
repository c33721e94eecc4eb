package io.github.scratchimage.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real clients that prove an image is readable and runs: skopeo copies an image into an OCI
 * layout, umoci unpacks it into a rootfs, chroot runs the executable (tests run as root).
 */
public final class ContainerTools {
    private ContainerTools() {
    }

    public static String skopeo(String... args) {
        List<String> command = new ArrayList<>(List.of("skopeo"));
        command.addAll(List.of(args));
        return TestExecutables.run(command, "apt-get install skopeo");
    }

    /** Copies any skopeo source ({@code oci-archive:x.tar}, {@code docker://...}) into {@code layout:tag}. */
    public static void copyToOciLayout(String source, Path layout, String tag, String... options) {
        List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet"));
        command.addAll(List.of(options));
        command.addAll(List.of(source, "oci:" + layout + ":" + tag));
        TestExecutables.run(command, "apt-get install skopeo");
    }

    /** Unpacks {@code layout:tag} into {@code bundle} and returns its rootfs. */
    public static Path unpack(Path layout, String tag, Path bundle) {
        TestExecutables.run(List.of("umoci", "unpack", "--image", layout + ":" + tag, bundle.toString()),
                "apt-get install umoci");
        return bundle.resolve("rootfs");
    }

    /**
     * Copies any skopeo source into an OCI layout under {@code work} and unpacks it there with
     * umoci, as a runtime would; returns the rootfs ({@code work/bundle/rootfs}).
     */
    public static Path unpackImage(String source, Path work, String... skopeoOptions) {
        copyToOciLayout(source, work.resolve("layout"), "t", skopeoOptions);
        return unpack(work.resolve("layout"), "t", work.resolve("bundle"));
    }

    public static String chroot(Path rootfs, String... command) {
        List<String> full = new ArrayList<>(List.of("chroot", rootfs.toString()));
        full.addAll(List.of(command));
        return TestExecutables.run(full, "coreutils provides chroot");
    }
}
