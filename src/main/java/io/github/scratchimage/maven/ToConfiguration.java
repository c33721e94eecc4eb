package io.github.scratchimage.maven;

import java.util.ArrayList;
import java.util.List;

/** {@code <to>}: where {@code build} pushes, as in jib-maven-plugin. */
public class ToConfiguration {
    /** The image reference, e.g. {@code registry.example.com/team/app:1.0} ({@code scratch.to.image}). */
    String image;
    /** More tags pushed for the same image. */
    List<String> tags = new ArrayList<>();
    /** Explicit credentials; first in the lookup order. */
    AuthConfiguration auth = new AuthConfiguration();
    /** A docker credential helper: a name ({@code gcr} means {@code docker-credential-gcr}) or a path. */
    String credHelper;
}
