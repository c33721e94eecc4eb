package io.github.scratchimage.image.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the {@code sha256:<hex>} form registries use. */
public final class Sha256 {
    public static final String PREFIX = "sha256:";

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String of(byte[] bytes) {
        return PREFIX + HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** The file's content digest, hex only, without the prefix. */
    public static String hexOf(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Passes bytes through while hashing and counting them. */
    static final class CountingDigestStream extends OutputStream {
        private final OutputStream out;
        private final MessageDigest digest = newDigest();
        private final java.util.function.LongConsumer written;
        private long count;

        CountingDigestStream(OutputStream out) {
            this(out, bytes -> { });
        }

        /** {@code written} hears of every write, with its length. */
        CountingDigestStream(OutputStream out, java.util.function.LongConsumer written) {
            this.out = out;
            this.written = written;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            digest.update(bytes, offset, length);
            count += length;
            out.write(bytes, offset, length);
            written.accept(length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        long count() {
            return count;
        }

        String digest() {
            return PREFIX + HexFormat.of().formatHex(digest.digest());
        }
    }
}
