package io.github.scratchimage.maven;

import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the executable, then writes its {@code FROM scratch} image to
 * {@code target/scratch-image.tar} (or {@code <outputPaths><tar>}): an OCI archive for
 * {@code skopeo oci-archive:}, or a docker archive with {@code <format>Docker</format>}; both load
 * with {@code podman load}. Works offline.
 *
 * @since 0.1.0
 */
@Mojo(name = "buildTar", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildTarMojo extends AbstractImageMojo {
    static final String TAR_FILE = "scratch-image.tar";

    /**
     * {@code <outputPaths><tar>} from the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OUTPUT_TAR)
    protected File outputTar;

    private Path tarPath() {
        return outputPath(outputTar != null ? outputTar : outputPaths.tar, TAR_FILE);
    }

    @Override
    protected Target target() {
        return new TarTarget(tarPath(), imageOrDefault(), tags());
    }
}
