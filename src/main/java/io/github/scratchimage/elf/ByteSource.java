package io.github.scratchimage.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to the bytes of a file, so the reader fetches only the few headers and tables it
 * needs instead of the whole (possibly 60 MB) executable.
 */
interface ByteSource extends AutoCloseable {
    long size();

    /** Reads exactly {@code length} bytes at {@code offset}; callers have checked the range. */
    ByteBuffer read(long offset, int length) throws IOException;

    @Override
    void close() throws IOException;

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public ByteBuffer read(long offset, int length) {
                return ByteBuffer.wrap(bytes, Math.toIntExact(offset), length).slice();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The mapped file's own views; closing leaves the mapping to its owner. */
    static ByteSource of(FileBytes bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.size();
            }

            @Override
            public ByteBuffer read(long offset, int length) {
                return bytes.slice(offset, length);
            }

            @Override
            public void close() {
            }
        };
    }

    static ByteSource open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        long size = channel.size();
        return new ByteSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public ByteBuffer read(long offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.allocate(length);
                long position = offset;
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        throw new IOException(path + " became shorter while it was being read");
                    }
                    position += n;
                }
                return buffer.flip();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
