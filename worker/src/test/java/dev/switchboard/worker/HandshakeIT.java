package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Handshake errors answered in front of Undertow, over a raw socket (reliability.md R-1..R-6).
class HandshakeIT {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455's 16-byte sample key

    private WorkerServer server;

    @BeforeEach
    void start() {
        server = WorkerServer.builder()
                .worker(new TestApp())
                .durableObject("ROOMS", (state, env) -> new EchoRoom(state, new LinkedBlockingQueue<>()))
                .port(0)
                .manualPasses()
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends {@code head} (request line and headers, without the blank line) and returns the response head. */
    private String exchange(String head) throws Exception {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((head + "Host: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return readHead(socket.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws Exception {
        var bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            bytes.write(b);
            if (bytes.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    private static int status(String head) {
        return Integer.parseInt(head.substring(9, 12));
    }

    @Test
    void upgradeWithoutKeyGets400() throws Exception {
        //
        String head = exchange("GET /room/a/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n");

        assertEquals(400, status(head), head);
    }

    @Test
    void keyThatIsNotSixteenBytesOfBase64Gets400() throws Exception {
        //
        String head = exchange("GET /room/a/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: abc\r\nSec-WebSocket-Version: 13\r\n");

        assertEquals(400, status(head), head);
    }

    @Test
    void version99Gets426NamingVersion13() throws Exception {
        //
        String head = exchange("GET /room/a/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 99\r\n");

        assertEquals(426, status(head), head);
        assertTrue(head.toLowerCase().contains("sec-websocket-version: 13"), head);
    }

    @Test
    void version8Gets426NamingVersion13() throws Exception {
        //
        String head = exchange("GET /room/a/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 8\r\n");

        assertEquals(426, status(head), head);
        assertTrue(head.toLowerCase().contains("sec-websocket-version: 13"), head);
    }

    @Test
    void keyWithoutUpgradeAndConnectionHeadersGets400() throws Exception {
        //
        String head = exchange("GET /room/a/ws HTTP/1.1\r\nSec-WebSocket-Key: " + KEY
                + "\r\nSec-WebSocket-Version: 13\r\n");

        assertEquals(400, status(head), head);
    }

    @Test
    void postWithUpgradeHeadersGets400() throws Exception {
        //
        String head = exchange("POST /room/a/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");

        assertEquals(400, status(head), head);
    }

    @Test
    void validHandshakeGets101WithTheRfcAcceptValue() throws Exception {
        // S-WS-1
        String head = exchange("GET /room/a/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");

        assertEquals(101, status(head), head);
        assertTrue(head.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), head);
    }

    @Test
    void requestWithoutWebSocketHeadersIsPlainHttpForTheWorker() throws Exception {
        String head = exchange("GET /echo HTTP/1.1\r\n");

        assertEquals(200, status(head), head);
    }

    @Test
    void upgradeToARouteThatRefusesGetsTheWorkersStatus() throws Exception {
        // S-WS-1: the worker's non-101 answer is sent as plain HTTP
        String head = exchange("GET /refuse HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");

        assertEquals(403, status(head), head);
    }
}
