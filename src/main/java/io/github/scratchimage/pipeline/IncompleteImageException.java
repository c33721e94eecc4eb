package io.github.scratchimage.pipeline;

import io.github.scratchimage.failure.InvalidInputException;

/**
 * The image with the user's content in it fails the check: a library an ELF file of the content
 * needs is missing, the content and the sysroot disagree on a file, or a file the loader maps
 * lacks a {@code <hardening>} property. Carries the check's result for that image, so
 * {@code scratch-check.json} shows what failed.
 */
final class IncompleteImageException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient CheckResult checked;

    IncompleteImageException(String message, CheckResult checked) {
        super(message);
        this.checked = checked;
    }

    CheckResult checked() {
        return checked;
    }
}
