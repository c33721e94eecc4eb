package io.github.scratchimage.image.registry;

import com.google.api.client.http.HttpContent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Response;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One blob uploaded in chunks, as the distribution specification describes: {@code POST
 * /v2/<name>/blobs/uploads/} opens a session, each {@code PATCH} sends the next chunk with its
 * {@code Content-Range} to the {@code Location} the last answer gave, and {@code PUT
 * ?digest=sha256:...} closes it. Why not Jib's {@code pushBlob}: it needs the digest before it
 * starts, and a layer's digest is known only once its compression ends; this starts with the
 * first compressed chunk.
 *
 * <p>Not retried here: a failed upload is pushed again whole, from the blob store, by
 * {@link RegistryPusher}. A registry that will not take chunks ({@link RefusedException}) is told
 * apart from one that failed, so the build says why it falls back.
 */
final class ChunkedUpload {
    /** Statuses a registry answers to a chunk it does not take this way. */
    private static final Set<Integer> REFUSING = Set.of(400, 405, 416, 501);
    /** The slices a chunk is written in: each is activity for the stall watchdog. */
    private static final int SLICE = 64 * 1024;

    /** The registry does not take blobs in chunks; the same blob whole may still go up. */
    static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String why) {
            super(why);
        }
    }

    private final RegistryClient client;
    private final FailoverHttpClient http;
    private final String registry;
    private final String repository;
    private URL location;
    private long sent;

    private ChunkedUpload(RegistryClient client, FailoverHttpClient http, String registry, String repository,
            URL location) {
        this.client = client;
        this.http = http;
        this.registry = registry;
        this.repository = repository;
        this.location = location;
    }

    /** Opens an upload session in {@code repository}. */
    static ChunkedUpload open(RegistryClient client, FailoverHttpClient http, String registry, String repository)
            throws IOException, RegistryException {
        Object location;
        try {
            location = JibEndpoints.call(client, "POST", base -> new URL(base + repository + "/blobs/uploads/"),
                    null, List.of(), response -> {
                        List<String> header = response.getHeader("Location");
                        return header.isEmpty() ? null : new URL(response.getRequestUrl().toURL(), header.get(0));
                    }, "start an upload to " + repository);
        } catch (ResponseException e) {
            throw refusedOr(e, "POST");
        }
        if (location == null) {
            throw new RefusedException("it answered the POST that starts an upload without a Location");
        }
        return new ChunkedUpload(client, http, registry, repository, (URL) location);
    }

    /** Sends the next {@code length} bytes; {@code written} hears of each slice sent. */
    void patch(byte[] bytes, int length, Runnable written) throws IOException, RegistryException {
        long last = sent + length - 1;
        try (Response response = JibEndpoints.send(client, http, "PATCH", location, sent + "-" + last,
                new Chunk(bytes, length, written), registry, repository)) {
            List<String> next = response.getHeader("Location");
            if (next.isEmpty()) {
                throw new RefusedException("it answered a chunk (PATCH) without a Location to send the next to");
            }
            List<String> range = response.getHeader("Range");
            // Where the registry says how much it holds, it must hold exactly what was sent.
            if (!range.isEmpty() && !range.get(0).trim().matches("(bytes=)?0-" + last)) {
                throw new RefusedException("after bytes 0-" + last + " it holds " + range.get(0));
            }
            location = new URL(location, next.get(0));
            sent += length;
        } catch (ResponseException e) {
            throw refusedOr(e, "PATCH");
        }
    }

    /** Closes the upload as the blob {@code digest}, which the registry checks against what it received. */
    void commit(String digest) throws IOException, RegistryException {
        String separator = location.getQuery() == null ? "?" : "&";
        URL put = new URL(location + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        try (Response response = JibEndpoints.send(client, http, "PUT", put, null, null, registry, repository)) {
            List<String> stored = response.getHeader("Docker-Content-Digest");
            if (!stored.isEmpty() && !stored.get(0).equals(digest)) {
                throw new IOException("the registry stored the upload as " + stored.get(0) + ", not " + digest);
            }
        }
    }

    private static IOException refusedOr(ResponseException e, String method) {
        return REFUSING.contains(e.getStatusCode())
                ? new RefusedException("it answered HTTP " + e.getStatusCode() + " to " + method)
                : e;
    }

    /** A chunk with its length known, so it is sent with a Content-Length, as the specification asks. */
    private static final class Chunk implements HttpContent {
        private final byte[] bytes;
        private final int length;
        private final Runnable written;

        Chunk(byte[] bytes, int length, Runnable written) {
            this.bytes = bytes;
            this.length = length;
            this.written = written;
        }

        @Override
        public long getLength() {
            return length;
        }

        @Override
        public String getType() {
            return "application/octet-stream";
        }

        @Override
        public boolean retrySupported() {
            // A chunk cut short may have left bytes in the session: sent again it would not fit.
            return false;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (int offset = 0; offset < length; offset += SLICE) {
                out.write(bytes, offset, Math.min(SLICE, length - offset));
                written.run();
            }
            out.flush();
        }
    }
}
