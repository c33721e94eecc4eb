package io.github.scratchimage.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file opened once and mapped read-only, so that every step that reads the executable (the ELF
 * parse, the advisor's string scan, the Go tables, the content hash) shares one view of it: the
 * kernel reads each page from disk at most once, and none of it is copied onto the heap, so a
 * gigabyte executable costs no heap. A small file is read onto the heap instead: a mapping is
 * only unmapped when the collector finds it, and thousands of small ones (a fuzzing run, a
 * build's libraries) would run into the kernel's limit on mappings. Safe to read from several
 * threads: every method hands out its own view.
 */
public final class FileBytes {
    /** A mapping is addressed by int; chunks of this size keep every offset within one. */
    static final long CHUNK = 1L << 30;
    /** Up to this a file is read, not mapped: bounded, so the heap still does not grow with the file. */
    static final int READ_AT_MOST = 1 << 20;

    private final Path path;
    private final long size;
    private final List<ByteBuffer> chunks;

    private FileBytes(Path path, long size, List<ByteBuffer> chunks) {
        this.path = path;
        this.size = size;
        this.chunks = chunks;
    }

    /**
     * Opens the file once: maps it, or reads a small one. The channel is closed at once; the
     * mapping lives as long as this object.
     */
    public static FileBytes map(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= READ_AT_MOST) {
                ByteBuffer bytes = read(channel, (int) size);
                return new FileBytes(path, bytes.remaining(), List.of(bytes));
            }
            List<ByteBuffer> chunks = new ArrayList<>();
            for (long offset = 0; offset < size; offset += CHUNK) {
                chunks.add(channel.map(FileChannel.MapMode.READ_ONLY, offset, Math.min(CHUNK, size - offset)));
            }
            return new FileBytes(path, size, List.copyOf(chunks));
        }
    }

    /** The whole of a small file: one that shrinks meanwhile is read as far as it goes. */
    private static ByteBuffer read(FileChannel channel, int size) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(size);
        int n = 0;
        while (bytes.hasRemaining() && n >= 0) {
            n = channel.read(bytes, bytes.position());
        }
        return bytes.flip();
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
        return chunks.stream().map(ByteBuffer::duplicate).toList();
    }
}
