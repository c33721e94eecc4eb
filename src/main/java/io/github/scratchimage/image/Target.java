package io.github.scratchimage.image;

/** Where a built image goes: a registry, a tar file, or a local docker/podman through its CLI. */
public sealed interface Target permits RegistryTarget, TarTarget, DockerClientTarget {

    /** The image reference as the user wrote it, e.g. {@code registry.example.com/team/app:1.0}. */
    String reference();
}
