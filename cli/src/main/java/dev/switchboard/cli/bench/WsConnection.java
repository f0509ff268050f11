package dev.switchboard.cli.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client WebSocket of the load tools: a blocking handshake, then non-blocking reads on a selector
 * that one reader thread owns, and whole-frame writes from any thread.
 *
 * <p>A raw NIO client instead of {@code java.net.http}: on a two-core machine the client shares the CPU
 * with the server, and the JDK client spends several times the server's cost per received frame,
 * which would make the client the bottleneck and change how the server batches. It speaks only what
 * the tools need: unfragmented frames of up to 64 KiB, pings answered with pongs, text payloads of at
 * most 125 bytes sent.
 */
public final class WsConnection {

    /** Opcode of a text frame. */
    public static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    /** Receives the data frames a {@link #read} finds; called on the reader thread. */
    @FunctionalInterface
    public interface FrameSink {
        /** One text or binary frame whose payload is {@code in[start, start + length)}. */
        void frame(WsConnection from, ByteBuffer in, int start, int length);
    }

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private volatile int closeCode = 1006;

    private WsConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Connects to {@code url} ({@code ws://} only) and completes the opening handshake on the calling
     * thread; bytes after the 101 response are kept as the first frames.
     *
     * @throws IOException when the connection fails or the server answers anything but 101
     */
    public static WsConnection open(URI url) throws IOException {
        int port = url.getPort() < 0 ? 80 : url.getPort();
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(url.getHost(), port));
        var c = new WsConnection(ch);
        try {
            ch.socket().setTcpNoDelay(true);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            if (url.getRawQuery() != null) {
                path += "?" + url.getRawQuery();
            }
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            var head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                if (ch.read(c.in) < 0) {
                    throw new IOException("connection closed during the handshake");
                }
                c.in.flip();
                while (c.in.hasRemaining() && head.indexOf("\r\n\r\n") < 0) {
                    head.append((char) c.in.get());
                }
                c.in.compact();
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + head.toString().lines().findFirst().orElse(""));
            }
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Switches to non-blocking reads on {@code selector}; call before the reader thread selects. */
    public void register(Selector selector) throws IOException {
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, this);
    }

    /** Writes a whole frame; senders and the reader (pongs) may both write, so writes are serialized. */
    public synchronized void write(byte[] frame) throws IOException {
        var buffer = ByteBuffer.wrap(frame);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Reads what is there, hands each whole data frame to {@code sink} and answers pings. Returns the
     * number of data frames, or -1 once the stream ended or the server sent a close frame.
     */
    public int read(FrameSink sink) throws IOException {
        if (channel.read(in) < 0) {
            return -1;
        }
        in.flip();
        int frames = 0;
        while (in.remaining() >= 2) {
            int start = in.position();
            int b0 = in.get(start) & 0xff;
            int b1 = in.get(start + 1) & 0x7f; // server frames are not masked
            int header = b1 == 126 ? 4 : b1 == 127 ? 10 : 2;
            if (in.remaining() < header) {
                break;
            }
            long length = b1 == 126 ? in.getShort(start + 2) & 0xffff : b1 == 127 ? in.getLong(start + 2) : b1;
            if (header + length > in.capacity()) {
                throw new IOException("frame of " + length + " bytes is larger than the bench client reads");
            }
            if (in.remaining() < header + length) {
                break;
            }
            int opcode = b0 & 0x0f;
            if (opcode == OP_TEXT || opcode == OP_BINARY) {
                frames++;
                sink.frame(this, in, start + header, (int) length);
            } else if (opcode == OP_CLOSE) {
                closeCode = length >= 2 ? in.getShort(start + header) & 0xffff : 1005;
                channel.close();
                return -1;
            } else if (opcode == OP_PING && length <= 125) {
                // The server pings sockets that stay silent; receivers never send, so answer.
                byte[] payload = new byte[(int) length];
                in.get(start + header, payload);
                write(clientFrame(OP_PONG, payload));
            }
            in.position(start + header + (int) length);
        }
        in.compact();
        return frames;
    }

    /**
     * Returns the status code of the close frame the server sent (1005 when it carried none), or 1006
     * while none came (still open, or the stream ended without one).
     */
    public int closeCode() {
        return closeCode;
    }

    /** Closes the TCP connection without a close handshake (the server sees 1006). */
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a load socket that already failed: nothing to report.
        }
    }

    /** A final, masked client frame, as RFC 6455 requires of clients, with a payload of at most 125 bytes. */
    public static byte[] clientFrame(int opcode, byte[] payload) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes; at most 125");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }
}
