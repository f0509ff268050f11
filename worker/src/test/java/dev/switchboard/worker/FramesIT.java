package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Raw WebSocket frames against the front door: UTF-8, pings, threads and the outbound budget.
class FramesIT {

    /** One frame read from the server. */
    record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final BlockingQueue<EchoRoom.Closed> closes = new LinkedBlockingQueue<>();
    private WorkerServer server;
    private Socket socket;

    private void start() {
        server = builder().build().start();
    }

    /** Starts with a small outbound budget; the message limit must fit in it. */
    private void start(long outboundLimit, long maxMessageSize) {
        server = builder().maxMessageSize(maxMessageSize).outboundBufferLimit(outboundLimit).build().start();
    }

    private WorkerServer.Builder builder() {
        return WorkerServer.builder()
                .worker(new TestApp())
                .durableObject("ROOMS", (state, env) -> new EchoRoom(state, closes))
                .port(0)
                .manualPasses();
    }

    @AfterEach
    void stop() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }

    private DataInputStream open(int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /room/a/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        var in = new DataInputStream(socket.getInputStream());
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        assertTrue(head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"), head.toString());
        return in;
    }

    private void send(int opcode, byte[] payload) throws IOException {
        OutputStream out = socket.getOutputStream();
        var frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = {1, 2, 3, 4};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private static Frame read(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    @Test
    void invalidUtf8InATextFrameClosesWith1007() throws Exception {
        // S-WS-4, R-18
        start();
        DataInputStream in = open(0);

        send(0x1, new byte[] {(byte) 0xC0, (byte) 0xAF});

        Frame close = read(in);
        assertEquals(0x8, close.opcode());
        assertEquals(1007, close.closeCode());
        EchoRoom.Closed seen = closes.poll(5, TimeUnit.SECONDS);
        assertEquals(1007, seen.code());
        assertFalse(seen.wasClean());
    }

    @Test
    void binaryFrameOf33MiBClosesWith1009AtTheDefaultLimit() throws Exception {
        // S-WS-4, R-28: default limit 32 MiB
        start();
        DataInputStream in = open(0);
        long length = 33L * 1024 * 1024;
        var writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(new byte[] {(byte) 0x82, (byte) (0x80 | 127)});
                out.write(java.nio.ByteBuffer.allocate(8).putLong(length).array());
                out.write(new byte[4]); // a zero mask leaves the payload as it is
                byte[] chunk = new byte[64 * 1024];
                for (long sent = 0; sent < length; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException expected) {
                // the server stops reading once the limit is passed
            }
        }, "test-writer");
        writer.setDaemon(true);
        writer.start();

        Frame close = read(in);

        assertEquals(0x8, close.opcode());
        assertEquals(1009, close.closeCode());
        EchoRoom.Closed seen = closes.poll(5, TimeUnit.SECONDS);
        assertEquals(1009, seen.code());
        assertFalse(seen.wasClean());
    }

    @Test
    void pingIsAnsweredWithPongByTheServer() throws Exception {
        // S-WS-3
        start();
        DataInputStream in = open(0);

        send(0x9, "hi".getBytes(StandardCharsets.UTF_8));

        Frame pong = read(in);
        assertEquals(0xA, pong.opcode());
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), pong.payload());
    }

    @Test
    void objectHandlersRunOnTurnThreadsNotOnIoThreads() throws Exception {
        // design.md: Undertow IO threads never run user code
        start();
        DataInputStream in = open(0);

        send(0x1, "thread".getBytes(StandardCharsets.UTF_8));

        String thread = new String(read(in).payload(), StandardCharsets.UTF_8);
        assertTrue(thread.startsWith("sb-turn-"), thread);
    }

    @Test
    void peerThatDoesNotReadIsClosedWith1008() throws Exception {
        // S-WS-8, R-37
        start(64 * 1024, 1024);
        open(4096);

        send(0x1, "flood:2000:16384".getBytes(StandardCharsets.UTF_8)); // 32 MiB the client never reads

        EchoRoom.Closed seen = closes.poll(10, TimeUnit.SECONDS);
        assertEquals(1008, seen.code());
        assertFalse(seen.wasClean());
    }
}
