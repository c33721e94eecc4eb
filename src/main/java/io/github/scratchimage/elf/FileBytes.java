package io.github.scratchimage.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file opened once and mapped read-only, so that every step that reads the executable (the ELF
 * parse, the advisor's string scan, the Go tables, the content hash) shares one view of it: the
 * kernel reads each page from disk at most once, and none of it is copied onto the heap, so a
 * gigabyte executable costs no heap. Safe to read from several threads: every method hands out
 * its own view.
 */
public final class FileBytes {
    /** A mapping is addressed by int; chunks of this size keep every offset within one. */
    static final long CHUNK = 1L << 30;

    private final Path path;
    private final long size;
    private final List<MappedByteBuffer> chunks;

    private FileBytes(Path path, long size, List<MappedByteBuffer> chunks) {
        this.path = path;
        this.size = size;
        this.chunks = chunks;
    }

    /** Maps the whole file; the channel is closed at once, the mapping lives as long as this object. */
    public static FileBytes map(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            List<MappedByteBuffer> chunks = new ArrayList<>();
            for (long offset = 0; offset < size; offset += CHUNK) {
                chunks.add(channel.map(FileChannel.MapMode.READ_ONLY, offset, Math.min(CHUNK, size - offset)));
            }
            return new FileBytes(path, size, List.copyOf(chunks));
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    /**
     * Exactly {@code length} bytes at {@code offset}, which the caller has checked lie in the file:
     * a view of the mapping, copied only when the range spans two chunks.
     */
    public ByteBuffer slice(long offset, int length) {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new IndexOutOfBoundsException(length + " bytes at " + offset + " of " + size);
        }
        int chunk = (int) (offset / CHUNK);
        int within = (int) (offset % CHUNK);
        if (length == 0 || within + (long) length <= CHUNK) {
            return chunk < chunks.size() ? chunks.get(chunk).slice(within, length) : ByteBuffer.allocate(0);
        }
        ByteBuffer copy = ByteBuffer.allocate(length);
        for (long at = offset; copy.hasRemaining(); ) {
            int c = (int) (at / CHUNK);
            int w = (int) (at % CHUNK);
            int n = (int) Math.min(copy.remaining(), CHUNK - w);
            copy.put(chunks.get(c).slice(w, n));
            at += n;
        }
        return copy.flip();
    }

    /** The whole file in order, as views: for a pass over every byte (the content hash). */
    public List<ByteBuffer> views() {
        return chunks.stream().map(chunk -> (ByteBuffer) chunk.duplicate()).toList();
    }
}
