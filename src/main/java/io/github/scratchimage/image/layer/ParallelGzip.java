package io.github.scratchimage.image.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutorService;

/**
 * Reaches the package-private ParallelGzipOutputStream while it still lives in the image
 * package; once it is in this package, {@link #open} is its constructor and {@link #chunkSize}
 * its CHUNK_SIZE, and this class goes.
 */
final class ParallelGzip {
    private static final String CLASS_NAME = "io.github.scratchimage.image.ParallelGzipOutputStream";

    private ParallelGzip() {
    }

    static OutputStream open(OutputStream out, int level, ExecutorService executor, int workers)
            throws IOException {
        try {
            Constructor<?> constructor = type().getDeclaredConstructor(OutputStream.class, int.class,
                    ExecutorService.class, int.class);
            constructor.setAccessible(true);
            return (OutputStream) constructor.newInstance(out, level, executor, workers);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(CLASS_NAME + " has not the expected constructor", e);
        }
    }

    static int chunkSize() {
        try {
            Field field = type().getDeclaredField("CHUNK_SIZE");
            field.setAccessible(true);
            return field.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(CLASS_NAME + " has no CHUNK_SIZE", e);
        }
    }

    private static Class<?> type() throws ClassNotFoundException {
        return Class.forName(CLASS_NAME, true, ParallelGzip.class.getClassLoader());
    }
}
