package io.github.scratchimage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** What an invoker IT's verify script does to prove an image: pull it with skopeo, unpack, run. */
public final class ItImages {
    private ItImages() {
    }

    private static final List<String> PODMAN = List.of("podman", "--storage-driver=vfs", "--cgroup-manager=cgroupfs");

    /**
     * Runs {@code image} with podman the way it works on these machines (no cgroup delegation, vfs storage), loading it from
     * {@code tar} first unless that is null, and removes it afterwards. Podman applies the image's
     * own user and environment, so this proves the image as shipped.
     */
    public static String runWithPodman(File tar, String image) {
        if (tar != null) {
            TestExecutables.run(concat(PODMAN, "load", "-q", "-i", tar.getPath()), "apt-get install podman");
        }
        try {
            return TestExecutables.run(concat(PODMAN, "--runtime=runc", "run", "--rm", "--network=none",
                    "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=1000:1000", image),
                    "apt-get install podman runc");
        } finally {
            TestExecutables.run(concat(PODMAN, "rmi", "-f", image), "apt-get install podman");
        }
    }

    /**
     * Pulls {@code reference} from a plain-HTTP registry with podman, then runs it as
     * {@link #runWithPodman} does: the way a runtime gets an image, layers decompressed by podman's
     * own code (which reads zstd, unlike umoci before 0.5).
     */
    public static String pullAndRunWithPodman(String reference) {
        TestExecutables.run(concat(PODMAN, "pull", "-q", "--tls-verify=false", "docker://" + reference),
                "apt-get install podman");
        return runWithPodman(null, reference);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** Copies {@code source} into an OCI layout under {@code basedir/target} and unpacks it with umoci. */
    public static Path unpack(File basedir, String source, String... skopeoOptions) throws IOException {
        Path work = Files.createTempDirectory(basedir.toPath().resolve("target"), "verify-");
        return ContainerTools.unpackImage(source, work, skopeoOptions);
    }

    /**
     * Unpacks the OCI archive {@code tar} with umoci into a fresh directory under
     * {@code basedir/target} and returns the bundle (rootfs and the runtime config.json umoci
     * derives from the image: entrypoint, args, environment, user), for {@link #runAsShipped}.
     */
    public static Path unpack(File basedir, File tar) throws IOException {
        Path work = Files.createTempDirectory(basedir.toPath().resolve("target"), "verify-");
        ContainerTools.unpackImage("oci-archive:" + tar, work);
        return work.resolve("bundle");
    }

    /**
     * Runs an unpacked image as a runtime would: only the image's environment, its user, its
     * entrypoint and args followed by {@code extraArgs}, chrooted into the rootfs. Unlike podman
     * here ({@code --network=none}) it shares the host's network, so the program can reach a
     * server the IT started on loopback. A non-zero exit is returned, not thrown.
     */
    public static TestExecutables.Outcome runAsShipped(Path bundle, String... extraArgs) throws IOException {
        JsonNode process = new ObjectMapper().readTree(bundle.resolve("config.json").toFile()).get("process");
        List<String> command = new ArrayList<>(List.of("env", "-i"));
        process.get("env").forEach(e -> command.add(e.asText()));
        command.addAll(List.of(chroot(), "--userspec=" + process.get("user").get("uid").asInt() + ":"
                + process.get("user").get("gid").asInt(), bundle.resolve("rootfs").toString()));
        process.get("args").forEach(a -> command.add(a.asText()));
        command.addAll(List.of(extraArgs));
        return TestExecutables.outcome(command, "coreutils provides env and chroot");
    }

    /** env -i clears PATH, so chroot is named by its full path. */
    static String chroot() {
        return TestExecutables.run(List.of("sh", "-c", "command -v chroot"), "coreutils").strip();
    }

    /**
     * Copies {@code source} (e.g. {@code oci-archive:target/scratch-image.tar} or
     * {@code docker://127.0.0.1:5000/app:1}) into an OCI layout, unpacks it with umoci and runs
     * {@code command} in the rootfs with chroot, through qemu-aarch64-static when {@code arm64}.
     */
    public static String run(File basedir, String source, boolean arm64, String[] skopeoOptions, String... command)
            throws IOException {
        return runEmulated(basedir, source, arm64 ? "qemu-aarch64-static" : null, skopeoOptions, command);
    }

    /**
     * The same, through {@code qemu} ({@code qemu-aarch64-static}, {@code qemu-arm-static}; none
     * for this machine's own platform), copied into the rootfs so the chroot can start it.
     */
    public static String runEmulated(File basedir, String source, String qemu, String[] skopeoOptions,
            String... command) throws IOException {
        Path rootfs = unpack(basedir, source, skopeoOptions);
        if (qemu == null) {
            return ContainerTools.chroot(rootfs, command);
        }
        Path binary = Path.of("/usr/bin", qemu);
        if (!Files.exists(binary)) {
            throw new AssertionError(qemu + " is not installed: apt-get install qemu-user-static");
        }
        Files.copy(binary, rootfs.resolve(qemu), StandardCopyOption.COPY_ATTRIBUTES);
        String[] emulated = new String[command.length + 1];
        emulated[0] = "/" + qemu;
        System.arraycopy(command, 0, emulated, 1, command.length);
        return ContainerTools.chroot(rootfs, emulated);
    }
}
