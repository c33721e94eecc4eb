package io.github.scratchimage.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies input files to {@code <root>/<sha256>/<fileName>} before Jib sees them.
 *
 * <p>Why: Jib's application-layer cache is keyed by source path, mode and modification time, not
 * by content. With normalised timestamps, a rebuilt executable of the same size at the same path
 * would silently reuse the old layer. A path that contains the content hash makes the key a
 * content key. A copy rather than a hard link, because a build that rewrites the executable in
 * place would change a hard-linked "staged" file behind the hash that names it.
 */
final class ContentAddressedStage {
    private final Path root;

    ContentAddressedStage(Path root) {
        this.root = root;
    }

    /** An empty directory for directory entries (Jib reads a directory entry's source, never its content). */
    Path emptyDirectory() throws IOException {
        return Files.createDirectories(root.resolve("empty-directory"));
    }

    Path stage(Path file) throws IOException {
        String sha256 = sha256(file);
        Path staged = root.resolve(sha256).resolve(file.getFileName().toString());
        if (Files.isRegularFile(staged) && Files.size(staged) == Files.size(file)) {
            return staged;
        }
        Files.createDirectories(staged.getParent());
        // Copy beside the destination, then rename: a concurrent build never sees half a file.
        Path partial = Files.createTempFile(staged.getParent(), ".staging-", ".tmp");
        try {
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(partial, staged, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, staged, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return staged;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
