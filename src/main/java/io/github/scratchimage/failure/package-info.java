/**
 * The one error model: {@link io.github.scratchimage.failure.ScratchException} with a
 * {@link io.github.scratchimage.failure.Fault}. The core throws nothing else for a failure a user
 * can meet; the Maven mojos translate it in exactly one place.
 */
package io.github.scratchimage.image;
