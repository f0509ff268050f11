package dev.switchboard.worker;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client over a plain {@link Socket} that writes any frame, legal or not: masked or not,
 * any opcode, RSV bits, FIN, fragments, 7/16/64-bit lengths, raw payload bytes. It reads server
 * frames back one at a time. The Autobahn|Testsuite cases are written with it (reliability.md).
 */
final class RawWebSocket implements AutoCloseable {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455's 16-byte sample key
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    /** One frame from the server. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        static final int CONTINUATION = 0x0;
        static final int TEXT = 0x1;
        static final int BINARY = 0x2;
        static final int CLOSE = 0x8;
        static final int PING = 0x9;
        static final int PONG = 0xA;

        /** The status code of a Close frame; 1005 when it has none. */
        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        /** The reason of a Close frame. */
        String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens {@code path} on {@code port} and completes the handshake; fails unless the answer is 101. */
    static RawWebSocket open(int port, String path) throws IOException {
        return open(port, path, 0);
    }

    /** Like {@link #open(int, String)} with SO_RCVBUF set to {@code receiveBuffer} (0 = default). */
    static RawWebSocket open(int port, String path, int receiveBuffer) throws IOException {
        var socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        var ws = new RawWebSocket(socket);
        ws.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head = ws.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("expected 101, got: " + head);
        }
        return ws;
    }

    private String readHead() throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    // ---- writing ----

    /** Sends one masked frame with FIN set. */
    RawWebSocket send(int opcode, byte[] payload) throws IOException {
        return frame(true, 0, opcode, payload, true);
    }

    RawWebSocket text(String text) throws IOException {
        return send(Frame.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a Close frame with {@code code} and {@code reason}. */
    RawWebSocket close(int code, String reason) throws IOException {
        return send(Frame.CLOSE, closePayload(code, reason.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] closePayload(int code, byte[] reason) {
        return ByteBuffer.allocate(2 + reason.length).putShort((short) code).put(reason).array();
    }

    /** Sends any frame: {@code rsv} is the three RSV bits (0-7), the length encoding is the shortest. */
    RawWebSocket frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) throws IOException {
        out.write(encode(fin, rsv, opcode, payload, masked));
        out.flush();
        return this;
    }

    /** Returns the bytes of a frame, for tests that batch many frames into one write. */
    static byte[] encode(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        var frame = new ByteArrayOutputStream(payload.length + 14);
        frame.writeBytes(header(fin, rsv, opcode, payload.length, masked));
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ MASK[i % 4] : payload[i]);
        }
        return frame.toByteArray();
    }

    /** Returns a frame header announcing {@code length} bytes; a masked header ends with the mask key. */
    static byte[] header(boolean fin, int rsv, int opcode, long length, boolean masked) {
        var header = ByteBuffer.allocate(14);
        header.put((byte) ((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode & 0x0f));
        int maskBit = masked ? 0x80 : 0;
        if (length >= 0 && length < 126) {
            header.put((byte) (maskBit | length));
        } else if (length >= 0 && length <= 0xffff) {
            header.put((byte) (maskBit | 126)).putShort((short) length);
        } else {
            header.put((byte) (maskBit | 127)).putLong(length); // a negative length sets the MSB
        }
        if (masked) {
            header.put(MASK);
        }
        return java.util.Arrays.copyOf(header.array(), header.position());
    }

    /** Writes {@code bytes} as they are. */
    RawWebSocket raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Writes {@code bytes} as they are, ignoring a connection the server already closed. */
    RawWebSocket rawQuietly(byte[] bytes) {
        try {
            raw(bytes);
        } catch (IOException closedByServer) {
            // the server gave up part-way; what it answered is still readable
        }
        return this;
    }

    // ---- reading ----

    /** Reads the next frame; throws EOFException when the server closed the connection. */
    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length > 64L * 1024 * 1024) {
            throw new IOException("server frame of " + length + " bytes");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, (first >> 4) & 7, first & 0x0f, payload);
    }

    /** Reads frames, skipping data and control frames, until the server's Close frame. */
    Frame awaitClose() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == Frame.CLOSE) {
                return frame;
            }
        }
    }

    /** Reads frames until the server's Close and returns its code; -1 if the TCP connection ended first. */
    int closeCode() {
        try {
            return awaitClose().closeCode();
        } catch (EOFException | SocketException ended) {
            return -1;
        } catch (IOException e) {
            throw new AssertionError("reading the server's Close failed", e);
        }
    }

    /** Sends Close 1000 and returns the code the server answers with. */
    int closeNormally() throws IOException {
        close(1000, "bye");
        return closeCode();
    }

    /** Returns whether the server closed the TCP connection (end of stream or reset) before a timeout. */
    boolean connectionEnded() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException | SocketException ended) {
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** Ends the connection with a TCP reset (SO_LINGER 0), as a crashed client or a cut cable would. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
