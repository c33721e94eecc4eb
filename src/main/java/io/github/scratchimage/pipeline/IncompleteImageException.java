package io.github.scratchimage.pipeline;

import io.github.scratchimage.failure.InvalidInputException;

/**
 * The closure with the user's content in the image is incomplete (a library an ELF file of the
 * content needs is missing, or the content and the sysroot disagree on a file); carries the
 * check's result with that closure, so {@code scratch-check.json} shows what failed.
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
