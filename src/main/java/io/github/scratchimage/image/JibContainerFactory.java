package io.github.scratchimage.image;

import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Port;
import io.github.scratchimage.analysis.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Translates an {@link ImagePlan} into Jib's container builder, every value explicit. */
final class JibContainerFactory {
    static final String EXECUTABLE_LAYER_NAME = "executable";
    /** Owner of every file: the image runs as a non-root user, which may read but not write them. */
    private static final String OWNERSHIP = "0:0";

    private JibContainerFactory() {
    }

    /**
     * The plan's layers with each source replaced by its content-addressed copy, bottom to top:
     * the extra layers, then the executable's.
     */
    static List<FileEntriesLayer> layers(ImagePlan plan, ContentAddressedStage stage) throws IOException {
        List<FileEntriesLayer> layers = new ArrayList<>();
        for (LayerSpec spec : plan.extraLayersBefore()) {
            FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(spec.name());
            for (LayerFile file : spec.files()) {
                // A directory entry needs a directory to point at; Jib records only its name and
                // mode, so one empty directory serves every such entry.
                Path source = file.directory() ? stage.emptyDirectory() : stage.stage(requireFile(file.source()));
                addEntry(layer, source, file.target(), file.modeBits(), plan);
            }
            layers.add(layer.build());
        }
        FileEntriesLayer.Builder executable = FileEntriesLayer.builder().setName(EXECUTABLE_LAYER_NAME);
        addEntry(executable, stage.stage(requireFile(plan.executable())), plan.targetPath(),
                Integer.parseInt(ImagePlan.EXECUTABLE_MODE, 8), plan);
        layers.add(executable.build());
        return layers;
    }

    static JibContainerBuilder create(ImagePlan plan, ImageFormat format, List<FileEntriesLayer> layers) {
        JibContainerBuilder builder = Jib.fromScratch()
                // Exactly one platform, the executable's: without it Jib writes the host's, amd64.
                .setPlatforms(Set.of(jibPlatform(plan.platform())))
                .setFileEntriesLayers(layers)
                .setEntrypoint(plan.entrypoint())
                .setUser(plan.user())
                .setCreationTime(plan.creationTime())
                .setFormat(format == ImageFormat.DOCKER
                        ? com.google.cloud.tools.jib.api.buildplan.ImageFormat.Docker
                        : com.google.cloud.tools.jib.api.buildplan.ImageFormat.OCI);
        // Empty collections are left unset: Jib then omits them from the config ("Env":[] and the
        // like), which is the same to every runtime and keeps the config small.
        if (!plan.args().isEmpty()) {
            builder.setProgramArguments(plan.args());
        }
        if (!plan.environment().isEmpty()) {
            builder.setEnvironment(plan.environment());
        }
        if (!plan.exposedPorts().isEmpty()) {
            builder.setExposedPorts(ports(plan.exposedPorts()));
        }
        if (!plan.labels().isEmpty()) {
            builder.setLabels(plan.labels());
        }
        plan.workingDirectory().ifPresent(dir -> builder.setWorkingDirectory(AbsoluteUnixPath.get(dir)));
        return builder;
    }

    private static void addEntry(FileEntriesLayer.Builder layer, Path staged, String target, int mode,
            ImagePlan plan) {
        layer.addEntry(staged, AbsoluteUnixPath.get(target), JibPermissions.of(mode),
                plan.filesModificationTime(), OWNERSHIP);
    }

    private static Path requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "not a regular file");
        }
        return file;
    }

    private static com.google.cloud.tools.jib.api.buildplan.Platform jibPlatform(Platform platform) {
        // Jib 0.28.1 has no variant field, so linux/arm/v7 is written as linux/arm.
        return new com.google.cloud.tools.jib.api.buildplan.Platform(platform.architecture(), platform.os());
    }

    /** Specs were validated by {@link ImagePlan}: {@code 8080}, {@code 8080/tcp}, {@code 53/udp}. */
    private static Set<Port> ports(List<String> specs) {
        Set<Port> ports = new LinkedHashSet<>();
        for (String spec : specs) {
            String[] parts = spec.split("/", 2);
            int number = Integer.parseInt(parts[0]);
            ports.add(parts.length == 1 ? Port.tcp(number) : Port.parseProtocol(number, parts[1]));
        }
        return ports;
    }
}
