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

// Handshake and request-head errors answered in front of Undertow, over a raw socket (R-1..R-8).
class HandshakeIT {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455's 16-byte sample key
    /** What a request head over the limits gets (R-8, S-WRK-5). */
    private static final int REFUSED_HEAD = 431;

    private WorkerServer server;

    @BeforeEach
    void start() {
        server = builder().build().start();
    }

    private static WorkerServer.Builder builder() {
        return WorkerServer.builder()
                .worker(new TestApp())
                .durableObject("ROOMS", (state, env) -> new EchoRoom(state, new LinkedBlockingQueue<>()))
                .port(0)
                .manualPasses();
    }

    private void restart(WorkerServer.Builder builder) {
        server.close();
        server = builder.build().start();
    }

    /** Sends {@code head} without waiting to be let finish and returns the status, -1 if none came. */
    private int statusOfOversized(String head) throws Exception {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            try {
                socket.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException cutOff) {
                // the server may answer and close before reading everything
            }
            String answer = readHead(socket.getInputStream());
            return answer.length() >= 12 ? status(answer) : -1;
        }
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

    @Test
    void upgradeFromAnOriginNotOnTheAllowListGets403() throws Exception {
        //
        restart(builder().allowedOrigins(java.util.List.of("https://good.example")));

        String head = exchange("GET /room/a/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Origin: https://evil.example\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");

        assertEquals(403, status(head), head);
    }

    @Test
    void upgradeFromAnAllowedOriginOrWithoutOriginGets101() throws Exception {
        // listed origins pass; a non-browser client without Origin passes
        restart(builder().allowedOrigins(java.util.List.of("https://good.example")));
        String upgrade = "GET /room/a/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n";

        assertEquals(101, status(exchange(upgrade + "Origin: https://good.example\r\n")));
        assertEquals(101, status(exchange(upgrade)));
    }

    @Test
    void anyOriginIsAllowedWhenNoListIsSet() throws Exception {
        // default = allow
        String head = exchange("GET /room/a/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Origin: https://anywhere.example\r\nSec-WebSocket-Key: " + KEY
                + "\r\nSec-WebSocket-Version: 13\r\n");

        assertEquals(101, status(head), head);
    }

    @Test
    void threeHundredKibOfHeadersAreRefusedAndTheServerStaysUp() throws Exception {
        // R-8, S-WRK-5: default limit 64 KiB
        String big = "X-Big: " + "a".repeat(300 * 1024) + "\r\n";

        int status = statusOfOversized("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big);

        assertEquals(REFUSED_HEAD, status);
        assertEquals(200, status(exchange("GET /echo HTTP/1.1\r\n")));
    }

    @Test
    void tenThousandHeadersAreRefusedAndTheServerStaysUp() throws Exception {
        // R-8, S-WRK-5: default limit 200 headers
        var many = new StringBuilder("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 10_000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }

        int status = statusOfOversized(many.toString());

        assertEquals(REFUSED_HEAD, status);
        assertEquals(200, status(exchange("GET /echo HTTP/1.1\r\n")));
    }

    @Test
    void aHeadPastTheParsersHardCapGets400AndTheServerStaysUp() throws Exception {
        // past 1 MiB (four times the limit, at least 1 MiB) Undertow's parser refuses with its fixed 400
        String huge = "X-Huge: " + "a".repeat(2 * 1024 * 1024) + "\r\n";

        int status = statusOfOversized("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n" + huge);

        assertEquals(400, status);
        assertEquals(200, status(exchange("GET /echo HTTP/1.1\r\n")));
    }

    @Test
    void headerLimitsAreSetThroughTheBuilder() throws Exception {
        // maxHeaders(5) refuses six headers that the default would take
        restart(builder().maxHeaders(5).maxHeaderSize(16 * 1024));
        var six = new StringBuilder("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 6; i++) {
            six.append("X-H").append(i).append(": v\r\n");
        }

        assertEquals(REFUSED_HEAD, statusOfOversized(six.toString()));
    }
}
