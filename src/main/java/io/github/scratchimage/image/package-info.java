/**
 * Builds a {@code FROM scratch} image around one native executable and delivers it to a registry
 * (through Jib Core's registry client), a tar file or a local docker/podman, with no daemon and
 * no Maven types.
 *
 * <p>Entry point: {@link io.github.scratchimage.image.ImageBuilder#build(ImagePlan, Target)}.
 * Describe the image with {@link io.github.scratchimage.image.ImagePlan}, choose a
 * {@link io.github.scratchimage.image.Target}, read the outcome from
 * {@link io.github.scratchimage.image.ImageResult}. Failures are
 * {@link io.github.scratchimage.image.ImageBuildException}s whose subclasses carry the data a
 * caller needs to phrase the fix.
 */
package io.github.scratchimage.image;
