package io.github.scratchimage.testing;

import io.github.scratchimage.failure.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of a plain-HTTP registry that injects one kind of fault into the requests
 * that match a method and path pattern, from the n-th match on, a given number of times.
 *
 * <p>How it stays simple: every request is forwarded with {@code Connection: close}, so the
 * registry closes each connection after one response and every client request arrives on a new
 * connection; the proxy reads one request head per connection and pipes the rest, never parsing
 * a body or a response.
 */
public final class FaultyProxy implements AutoCloseable {

    /** What happens to a matching request. */
    public enum Fault {
        /** Close the listening socket: new connections are refused. */
        REFUSE,
        /** Forward the head and part of the body, then reset the client's connection. */
        RESET_MID_UPLOAD,
        /** Answer 500 without asking the registry. */
        STATUS_500,
        /** Answer 503 without asking the registry. */
        STATUS_503,
        /** Answer 401, as a registry does when a token expires mid-push. */
        STATUS_401,
        /** Answer 413, as a proxy with a body size limit does. */
        STATUS_413,
        /** Answer 429, as a rate-limited registry does. */
        STATUS_429,
        /** Answer 405, as a registry that does not offer a method does. */
        STATUS_405,
        /** Answer 416, as a registry does to a chunk whose range it will not take. */
        STATUS_416,
        /** Read the request and answer nothing. */
        STALL,
        /** Forward, then pass on only the first half of the response's bytes and close. */
        TRUNCATE_RESPONSE
    }

    private final ServerSocket server;
    private final int upstreamPort;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger matches = new AtomicInteger();
    private volatile Fault fault;
    private volatile Pattern match = Pattern.compile("(?!)");
    private volatile Pattern headMatch = Pattern.compile("");
    private volatile int fromMatch;
    private volatile int times;

    private FaultyProxy(ServerSocket server, int upstreamPort) {
        this.server = server;
        this.upstreamPort = upstreamPort;
        Thread acceptor = new Thread(this::acceptLoop, "faulty-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port to {@code 127.0.0.1:upstreamPort}. */
    public static FaultyProxy to(int upstreamPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new FaultyProxy(server, upstreamPort);
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Injects {@code fault} into requests whose {@code "METHOD /path"} line matches
     * {@code requestLine}: the {@code fromMatch}-th match (1-based) and the {@code times - 1}
     * after it; other requests pass untouched.
     */
    public void inject(Fault fault, String requestLine, int fromMatch, int times) {
        inject(fault, requestLine, "", fromMatch, times);
    }

    /**
     * The same, counting only the requests whose head (request line and headers, CRLF-separated)
     * also contains a match of {@code head}: {@code "(?im)^Content-Range:"} picks the chunks of an
     * upload in chunks from a whole-blob PATCH.
     */
    public void inject(Fault fault, String requestLine, String head, int fromMatch, int times) {
        requests.clear();
        this.headMatch = Pattern.compile(head);
        this.matches.set(0);
        this.match = Pattern.compile(requestLine);
        this.fromMatch = fromMatch;
        this.times = times;
        this.fault = fault;
        if (fault == Fault.REFUSE) {
            closeQuietly(server);
        }
    }

    /** Every request line seen since the last {@link #inject}, in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        synchronized (open) {
            open.forEach(FaultyProxy::closeQuietly);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread handler = new Thread(() -> handle(client), "faulty-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream fromClient = client.getInputStream();
            byte[] head = readHead(fromClient);
            if (head == null) {
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String requestLine = text.substring(0, text.indexOf("\r\n"));
            requests.add(requestLine);
            Fault injected = faultFor(requestLine, text);
            OutputStream toClient = client.getOutputStream();
            if (injected == Fault.STATUS_500 || injected == Fault.STATUS_503 || injected == Fault.STATUS_401
                    || injected == Fault.STATUS_413 || injected == Fault.STATUS_429 || injected == Fault.STATUS_405
                    || injected == Fault.STATUS_416) {
                String status = switch (injected) {
                    case STATUS_500 -> "500 Internal Server Error";
                    case STATUS_503 -> "503 Service Unavailable";
                    case STATUS_413 -> "413 Request Entity Too Large";
                    case STATUS_429 -> "429 Too Many Requests";
                    case STATUS_405 -> "405 Method Not Allowed";
                    case STATUS_416 -> "416 Requested Range Not Satisfiable";
                    default -> "401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"faulty-proxy\"";
                };
                if (injected == Fault.STATUS_405 || injected == Fault.STATUS_416) {
                    // A registry refusing a chunk reads it first: the client then reads the answer, not a reset.
                    fromClient.readNBytes(contentLength(text));
                } else {
                    drainAvailable(fromClient);
                }
                toClient.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                        + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
                toClient.flush();
                return;
            }
            if (injected == Fault.STALL) {
                // Hold the connection until the client gives up or the proxy closes.
                while (fromClient.read() >= 0) {
                    // discard
                }
                return;
            }
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                open.add(upstream);
                upstream.getOutputStream().write(withConnectionClose(text).getBytes(StandardCharsets.ISO_8859_1));
                Thread requestBody = pipe(fromClient, upstream.getOutputStream(),
                        injected == Fault.RESET_MID_UPLOAD ? 64 * 1024 : Long.MAX_VALUE, client);
                pipe(upstream.getInputStream(), toClient,
                        injected == Fault.TRUNCATE_RESPONSE ? -1 : Long.MAX_VALUE, null).join();
                requestBody.join(1000);
            }
        } catch (IOException | InterruptedException e) {
            // The client or the registry went away: nothing to report, the test asserts on the client.
        }
    }

    private synchronized Fault faultFor(String requestLine, String head) {
        if (fault == null || fault == Fault.REFUSE || !match.matcher(requestLine).find()
                || !headMatch.matcher(head).find()) {
            return null;
        }
        int n = matches.incrementAndGet();
        return n >= fromMatch && n < fromMatch + times ? fault : null;
    }

    /**
     * Copies until EOF or {@code limit} bytes; at the limit the client's connection is reset.
     * A limit of -1 means the first read's bytes, halved, then close: a truncated response.
     */
    private static Thread pipe(InputStream in, OutputStream out, long limit, Socket resetAtLimit) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            long copied = 0;
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (limit == -1) {
                        out.write(buffer, 0, Math.max(1, n / 2));
                        out.flush();
                        out.close();
                        return;
                    }
                    int allowed = (int) Math.min(n, limit - copied);
                    out.write(buffer, 0, allowed);
                    copied += allowed;
                    if (copied >= limit) {
                        resetAtLimit.setSoLinger(true, 0);
                        resetAtLimit.close();
                        return;
                    }
                }
                out.flush();
            } catch (IOException e) {
                // the other side closed
            }
        }, "faulty-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String withConnectionClose(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && !line.regionMatches(true, 0, "Connection:", 0, "Connection:".length())) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    /** The request head up to and including the blank line, or null at EOF. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while ((b = in.read()) >= 0) {
            if (head.size() == 0 && (b < 'A' || b > 'Z')) {
                // Not HTTP: Jib tries TLS first even on an insecure registry; closing makes it fall
                // back to plain HTTP at once, as the registry's own "400 to a TLS hello" does.
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
            if (head.size() > 64 * 1024) {
                throw new IOException("request head over 64 KiB");
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        java.util.regex.Matcher length = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)").matcher(head);
        return length.find() ? Integer.parseInt(length.group(1)) : 0;
    }

    private static void drainAvailable(InputStream in) throws IOException {
        while (in.available() > 0 && in.skip(in.available()) > 0) {
            // discard a small body already sent
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
