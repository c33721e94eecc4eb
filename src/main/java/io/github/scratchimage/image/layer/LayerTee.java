package io.github.scratchimage.image.layer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Somewhere else the compressed bytes of a layer go while the store writes them, such as a
 * registry upload that overlaps the compression. Opened only when the layer is compressed now
 * (not found in the store), so its digest is not known until the last byte.
 *
 * <p>A branch never fails the store's write: it takes bytes until it gives up, and whoever opened
 * it learns how it ended from the branch itself. The store's copy is always complete, so a
 * branch that gave up can be replaced by the blob file.
 */
public interface LayerTee {
    /** No second copy: the store alone. */
    LayerTee NONE = layerName -> null;

    /** The branch for the layer about to be compressed, or null for none. */
    Branch open(String layerName);

    /** One layer's copy. Called from the thread that writes the compressed bytes. */
    interface Branch {
        /** The next compressed bytes; copy them if they are kept, the array is reused. */
        void write(byte[] bytes, int offset, int length);

        /** Every byte was written and the blob is in the store as {@code blob}. */
        void finish(LayerBlob blob);

        /** The compression failed: nothing more comes, and the copy is not a blob. */
        void abandon();
    }

    /** {@code out}, with every byte written to it also given to {@code branch}. */
    static OutputStream tee(OutputStream out, Branch branch) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                branch.write(bytes, offset, length);
            }
        };
    }
}
