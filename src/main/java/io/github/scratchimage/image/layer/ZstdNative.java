package io.github.scratchimage.image.layer;

import com.github.luben.zstd.util.Native;

/**
 * Loads zstd-jni's native library before any zstd-jni class that needs it is touched: a failed
 * load inside such a class's initialiser would leave it unusable with a bare
 * NoClassDefFoundError, while here it fails once, with the way out.
 */
final class ZstdNative {
    /** zstd-jni reads this system property for the directory it unpacks its library into. */
    static final String TEMP_FOLDER_PROPERTY = "ZstdTempFolder";

    private ZstdNative() {
    }

    static void load() throws ZstdUnavailableException {
        try {
            Native.load();
        } catch (LinkageError e) {
            // UnsatisfiedLinkError for a noexec directory, ExceptionInInitializerError for one it
            // cannot write: zstd-jni reports both as errors, not exceptions.
            String folder = System.getProperty(TEMP_FOLDER_PROPERTY);
            String where = folder != null ? folder + " (-D" + TEMP_FOLDER_PROPERTY + ")"
                    : System.getProperty("java.io.tmpdir") + " (java.io.tmpdir)";
            throw new ZstdUnavailableException("zstd layer compression needs zstd-jni's native library, which"
                    + " could not be unpacked and loaded from " + where + ": " + firstLine(e.getMessage())
                    + ". Point -D" + TEMP_FOLDER_PROPERTY + "=<directory> (on the mvn command line or in"
                    + " MAVEN_OPTS) at a writable directory on a file system that allows executing files,"
                    + " or compress layers with gzip: <compression>gzip</compression>"
                    + " (-Dscratch.compression=gzip).", e);
        }
    }

    /** zstd-jni follows the cause with advice to build it from source, which is not the fix here. */
    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** From zstd-jni's jar manifest; it names the bundled libzstd version too. */
    static String libraryVersion() {
        String version = Native.class.getPackage().getImplementationVersion();
        if (version == null) {
            // Without a version the cache could not tell blobs of an older libzstd from fresh ones.
            throw new IllegalStateException("zstd-jni's jar has no Implementation-Version in its manifest;"
                    + " use the jar as published, not repackaged");
        }
        return version;
    }
}
