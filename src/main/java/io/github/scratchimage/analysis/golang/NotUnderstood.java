package io.github.scratchimage.analysis.golang;



/**
 * Go data that is present but cannot be read: a layout this reader does not know, or bytes that
 * contradict themselves. It becomes a line of {@link GoBinary#notUnderstood()}, never an error.
 */
final class NotUnderstood extends Exception {
    NotUnderstood(String message) {
        super(message, null, false, false);
    }
}
