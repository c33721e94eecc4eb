package io.github.scratchimage.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code <container>}: what the image's config says, with jib-maven-plugin's names. */
public class ContainerConfiguration {
    /** Directory the executable goes into; the entrypoint is {@code appRoot/<file name>}. */
    String appRoot = "/app";
    /** Overrides the entrypoint ({@code [appRoot/<file name>]}). */
    List<String> entrypoint = new ArrayList<>();
    /** Arguments after the entrypoint (the image's {@code Cmd}). */
    List<String> args = new ArrayList<>();
    Map<String, String> environment = new LinkedHashMap<>();
    String workingDirectory;
    /** Defaults to {@code 65532:65532}, the nonroot user of distroless and ko. */
    String user = "65532:65532";
    /** {@code 8080}, {@code 8080/udp}, {@code 1000-1003}. */
    List<String> ports = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    /** {@code OCI} (default) or {@code Docker}. */
    String format = "OCI";
    /** {@code EPOCH}, {@code USE_CURRENT_TIMESTAMP} or an ISO-8601 instant; default: project.build.outputTimestamp. */
    String creationTime;
    /** {@code EPOCH_PLUS_SECOND} or an ISO-8601 instant; default: project.build.outputTimestamp. */
    String filesModificationTime;
    /** {@code linux/arm64}: only to assert; the platform always comes from the executable. */
    String platform;
    /** Absolute paths a runtime mounts a volume on ({@code Volumes} of the image config). */
    List<String> volumes = new ArrayList<>();
}
