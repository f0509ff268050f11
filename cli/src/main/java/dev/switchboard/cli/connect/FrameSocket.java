package dev.switchboard.cli.connect;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small RFC 6455 client over a plain (or TLS) socket that shows every frame as it is on the wire,
 * which the JDK's {@code java.net.http.WebSocket} cannot: it hands over messages, answers pings
 * itself and hides the Close frames.
 *
 * <pre>
 *   open():  GET path HTTP/1.1 + Upgrade headers ──► server
 *            ◄── HTTP/1.1 101 + Sec-WebSocket-Accept (checked against the key)
 *   write(): one masked frame (a fresh mask key per frame, section 5.3)
 *   read():  one frame, unmasked if the server masked it (it must not)
 * </pre>
 *
 * <p>Threads: one thread may read while another writes; writes are serialized. Failures are
 * {@link IOException}s; {@link HandshakeRefusedException} when the server did not upgrade.
 */
public final class FrameSocket implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY_SHOWN = 2048;
    private static final long MAX_FRAME = 64L * 1024 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final RandomGenerator random;
    private final Handshake handshake;

    private FrameSocket(Socket socket, RandomGenerator random, Handshake handshake, DataInputStream in)
            throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.random = random;
        this.handshake = handshake;
    }

    /**
     * Connects to {@code uri} ({@code ws://} or {@code wss://}) and completes the opening handshake.
     *
     * @param headers extra request headers, such as {@code Authorization}
     * @param subprotocols offered in {@code Sec-WebSocket-Protocol}, most preferred first
     * @throws HandshakeRefusedException when the answer is not a valid 101
     * @throws IOException when the connection cannot be made
     */
    public static FrameSocket open(URI uri, List<Map.Entry<String, String>> headers, List<String> subprotocols,
                                   Duration timeout, RandomGenerator random) throws IOException {
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            Socket stream = tls
                    ? ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, uri.getHost(), port, true)
                    : socket;
            stream.setSoTimeout((int) timeout.toMillis());
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            stream.getOutputStream().write(request(uri, port, key, headers, subprotocols));
            stream.getOutputStream().flush();
            var in = new DataInputStream(stream.getInputStream());
            Handshake answer = readHandshake(in);
            String expected = accept(key);
            if (answer.status() != 101) {
                throw new HandshakeRefusedException(answer, "upgrade refused: " + answer.statusLine()
                        + (answer.body().isBlank() ? "" : " " + answer.body().strip().replace('\n', ' ')));
            }
            if (!answer.header("Sec-WebSocket-Accept").map(expected::equals).orElse(false)) {
                throw new HandshakeRefusedException(answer, "the server's Sec-WebSocket-Accept does not match the key");
            }
            stream.setSoTimeout(0); // from here on, reads wait for the server as long as it takes
            return new FrameSocket(stream, random, answer, in);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static byte[] request(URI uri, int port, String key, List<Map.Entry<String, String>> headers,
                                  List<String> subprotocols) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        var head = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (!subprotocols.isEmpty()) {
            head.append("Sec-WebSocket-Protocol: ").append(String.join(", ", subprotocols)).append("\r\n");
        }
        headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Handshake readHandshake(DataInputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        while (!endsWithBlankLine(bytes)) {
            if (bytes.size() > MAX_HEAD) {
                throw new IOException("the server's response head is over " + MAX_HEAD + " bytes");
            }
            bytes.write(in.readUnsignedByte());
        }
        List<String> lines = bytes.toString(StandardCharsets.ISO_8859_1).strip().lines().toList();
        String statusLine = lines.get(0);
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 100) {
            throw new IOException("not an HTTP response: " + Frame.quote(statusLine));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip()));
            }
        }
        var partial = new Handshake(status, statusLine, headers, "");
        return status == 101 ? partial : new Handshake(status, statusLine, headers, readBody(in, partial));
    }

    /** Reads the start of a refusal's body, which usually says why (a JSON reason). */
    private static String readBody(DataInputStream in, Handshake head) {
        int length = head.header("Content-Length").map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                return 0;
            }
        }).orElse(0);
        byte[] body = new byte[Math.min(Math.max(length, 0), MAX_BODY_SHOWN)];
        try {
            in.readFully(body);
        } catch (IOException cutShort) {
            return "";
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream bytes) {
        byte[] b = bytes.toByteArray();
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    /** Returns the Sec-WebSocket-Accept a server must answer for {@code key} (section 4.2.2). */
    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Returns the server's 101 answer: status line and headers. */
    public Handshake handshake() {
        return handshake;
    }

    /** Writes {@code frame} masked with a fresh key (RFC 6455 section 5.3), whatever its {@code masked} says. */
    public void write(Frame frame) throws IOException {
        boolean fin = frame.fin();
        int opcode = frame.opcode();
        byte[] payload = frame.payload();
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        var wire = ByteBuffer.allocate(14 + payload.length);
        wire.put((byte) ((fin ? 0x80 : 0) | opcode & 0x0f));
        if (payload.length < 126) {
            wire.put((byte) (0x80 | payload.length));
        } else if (payload.length <= 0xffff) {
            wire.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            wire.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        wire.put(mask);
        for (int i = 0; i < payload.length; i++) {
            wire.put((byte) (payload[i] ^ mask[i % 4]));
        }
        synchronized (out) {
            out.write(wire.array(), 0, wire.position());
            out.flush();
        }
    }

    /**
     * Reads the next frame, waiting as long as it takes.
     *
     * @throws java.io.EOFException when the server ended the connection
     */
    public Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("the server sent a frame of " + length + " bytes; this client reads up to "
                    + MAX_FRAME);
        }
        boolean masked = (second & 0x80) != 0;
        byte[] mask = new byte[4];
        if (masked) {
            in.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((first & 0x80) != 0, (first >> 4) & 7, first & 0x0f, masked, payload);
    }

    /** Closes the TCP connection (no Close frame: send one first for a clean close). */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
