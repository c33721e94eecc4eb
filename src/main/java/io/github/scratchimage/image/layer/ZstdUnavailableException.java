package io.github.scratchimage.image.layer;

import java.io.IOException;

/** zstd was asked for, but zstd-jni's native library cannot be loaded on this machine. */
public final class ZstdUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    ZstdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
