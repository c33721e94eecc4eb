package io.github.scratchimage.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A TCP relay on 127.0.0.1 that appends every byte a client sends to a file before passing it on
 * to the registry: the proof, from the wire, of what the plugin sent (an {@code Authorization}
 * header or none). An invoker IT's pre-build script starts it and its post-build script stops it;
 * they share nothing but files, so the relay stops when {@code <record>.stop} appears.
 */
public final class RecordingProxy {
    private RecordingProxy() {
    }

    /** Relays {@code listenPort} to {@code targetPort}, recording client bytes to {@code record}. */
    public static void start(File record, int listenPort, int targetPort) throws IOException {
        Path log = record.toPath();
        Files.deleteIfExists(stopFile(log));
        Files.write(log, new byte[0]);
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        server.setSoTimeout(200);
        Thread acceptor = new Thread(() -> accept(server, log, targetPort), "recording-proxy-" + listenPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops the relay and returns what clients sent, decoded byte for byte. */
    public static String stop(File record) throws IOException, InterruptedException {
        Path log = record.toPath();
        Files.write(stopFile(log), new byte[0]);
        Thread.sleep(500); // the acceptor polls every 200 ms
        return new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
    }

    private static Path stopFile(Path log) {
        return log.resolveSibling(log.getFileName() + ".stop");
    }

    private static void accept(ServerSocket server, Path log, int targetPort) {
        try (server) {
            while (!Files.exists(stopFile(log))) {
                Socket client;
                try {
                    client = server.accept();
                } catch (SocketTimeoutException e) {
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client, upstream, log);
                pump(upstream, client, null);
            }
        } catch (IOException e) {
            // the IT's assertions on the record fail if the relay broke
        }
    }

    private static void pump(Socket from, Socket to, Path record) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (record != null) {
                        synchronized (RecordingProxy.class) {
                            Files.write(record, java.util.Arrays.copyOf(buffer, n), StandardOpenOption.APPEND);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the peer closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }, "recording-proxy-pump");
        t.setDaemon(true);
        t.start();
    }
}
