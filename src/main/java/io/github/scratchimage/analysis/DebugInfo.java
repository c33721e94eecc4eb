package io.github.scratchimage.analysis;

/**
 * What stripping would remove. {@code debugBytes} counts the {@code .debug_*} sections and
 * {@code symbolTableBytes} {@code .symtab} + {@code .strtab}: the bytes {@code strip} (or Go's
 * {@code -ldflags '-w -s'}) would save in every pull of the image.
 */
public record DebugInfo(boolean stripped, long debugBytes, long symbolTableBytes) {
    public long strippableBytes() {
        return debugBytes + symbolTableBytes;
    }
}
