package dev.switchboard.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client as fast as a client can be: one pre-built, pre-masked text frame (mask key 0,
 * which leaves the payload as it is) written again and again on a blocking socket, so only the
 * server's reading can slow it. A reader thread drops whatever the server sends and notes the close
 * code of its Close frame, if one comes.
 */
final class RawFlooder implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    /** Frames written whole. */
    final AtomicLong sent = new AtomicLong();
    /** Payload bytes the server sent back. */
    final AtomicLong received = new AtomicLong();
    /** The code of the server's Close frame; completes with 1006 if the connection ends without one. */
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private RawFlooder(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Opens a WebSocket to {@code path} (such as {@code /room/r/ws?user=f}) of the server at {@code url}. */
    static RawFlooder open(String url, String path) throws IOException {
        URI uri = URI.create(url);
        var socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        var flooder = new RawFlooder(socket);
        flooder.out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = readHead(flooder.in);
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no upgrade: " + head);
        }
        socket.setSoTimeout(0);
        var reader = new Thread(flooder::drain, "raw-flooder-reader");
        reader.setDaemon(true);
        reader.start();
        return flooder;
    }

    /**
     * Sends {@code head} (a request head ending in an empty line) to the server at {@code url} on a new
     * connection and returns the status line of the answer, such as {@code HTTP/1.1 400 Bad Request}.
     */
    static String statusLine(String url, String head) throws IOException {
        URI uri = URI.create(url);
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            String answer = readHead(socket.getInputStream());
            return answer.substring(0, answer.indexOf("\r\n"));
        }
    }

    /** Returns one masked, final text frame carrying {@code payload}. */
    static byte[] textFrame(byte[] payload) {
        var frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        frame.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            frame.write((int) ((long) payload.length >>> shift) & 0xFF);
        }
        frame.writeBytes(new byte[4]); // mask key 0: masked bytes equal the payload
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** Writes {@code frame} until the connection ends or {@link #close()} is called from another thread. */
    void floodWith(byte[] frame) {
        try {
            while (!closeCode.isDone()) {
                out.write(frame);
                sent.incrementAndGet();
            }
        } catch (IOException ended) {
            // closed by the server, or by close() at the end of the flood
        }
    }

    /** Writes the first {@code length} bytes of {@code frame} once: the start of a message that never ends. */
    void writeSome(byte[] frame, int length) throws IOException {
        out.write(frame, 0, length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void drain() {
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if ((first & 0x0F) == 0x8) {
                    closeCode.complete(length >= 2 ? in.readUnsignedShort() : 1005);
                    return;
                }
                in.skipNBytes(length);
                received.addAndGet(length);
            }
        } catch (IOException e) {
            closeCode.complete(1006);
        }
    }

    /** Reads an HTTP answer's head, through its empty line, from {@code in}. */
    static String readHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed before the end of the head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
