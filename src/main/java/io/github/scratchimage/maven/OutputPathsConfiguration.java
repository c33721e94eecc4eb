package io.github.scratchimage.maven;

import java.io.File;

/** {@code <outputPaths>}: where the goals write what a release pipeline reads. Unset: under target/. */
public class OutputPathsConfiguration {
    File tar;
    File digest;
    File imageId;
    File imageJson;
    File sbom;
}
