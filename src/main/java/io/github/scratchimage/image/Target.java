package io.github.scratchimage.image;

import java.util.List;

/** Where a built image goes: a registry, a tar file, or a local docker/podman through its CLI. */
public sealed interface Target permits RegistryTarget, TarTarget, DockerClientTarget {

    /** The image reference as the user wrote it, e.g. {@code registry.example.com/team/app:1.0}. */
    String reference();

    /** Further tags of the same repository the image gets ({@code <to><tags>}), besides the reference's own. */
    List<String> extraTags();
}
