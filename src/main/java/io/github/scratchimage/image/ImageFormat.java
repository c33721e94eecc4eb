package io.github.scratchimage.image;

/** Manifest and config media types of the image: OCI (the default) or Docker schema 2. */
public enum ImageFormat {
    OCI,
    DOCKER
}
