package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// The Undertow front door: plain HTTP, WebSocket echo, subprotocols, limits and graceful stop.
class WorkerServerIT {

    private final BlockingQueue<EchoRoom.Closed> closes = new LinkedBlockingQueue<>();
    private WorkerServer server;

    private WorkerServer start(long maxMessageSize) {
        server = WorkerServer.builder()
                .worker(new TestApp())
                .durableObject("ROOMS", (state, env) -> new EchoRoom(state, closes))
                .port(0)
                .maxMessageSize(maxMessageSize)
                .maxBodySize(1024)
                .manualPasses()
                .build()
                .start();
        return server;
    }

    private WorkerServer start() {
        return start(32L * 1024 * 1024);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.url().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void plainGetReachesTheWorkerOnAWorkerThread() throws Exception {
        start();

        HttpResponse<String> response = get("/echo");

        assertEquals(200, response.statusCode());
        assertEquals("GET /echo ", response.body());
        assertTrue(response.headers().firstValue("x-thread").orElseThrow().startsWith("sb-worker-"));
        assertTrue(server.port() > 0);
    }

    @Test
    void postBodyReachesTheWorkerAndAnOversizedBodyGets413() throws Exception {
        // S-WRK-5
        start();
        var client = HttpClient.newHttpClient();

        var small = client.send(HttpRequest.newBuilder(server.url().resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        var big = client.send(HttpRequest.newBuilder(server.url().resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2000))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals("POST /echo hello", small.body());
        assertEquals(413, big.statusCode());
    }

    @Test
    void workerThatThrowsGivesA500WithoutStackTrace() throws Exception {
        // S-WRK-4
        start();

        HttpResponse<String> response = get("/boom");

        assertEquals(500, response.statusCode());
        assertFalse(response.body().contains("secret internal detail"));
    }

    @Test
    void jdkClientEchoesTextAndBinaryThroughADurableObject() throws Exception {
        // S-WS-1, S-WS-3
        start();
        TestClient client = TestClient.connect(ws("/room/a/ws"));

        client.socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
        client.socket.sendBinary(ByteBuffer.wrap(new byte[] {7, 8, 9}), true).get(5, TimeUnit.SECONDS);

        assertEquals("hello", client.next());
        assertArrayEquals(new byte[] {7, 8, 9}, (byte[]) client.next());
    }

    @Test
    void clientCloseIsEchoedAndSeenCleanByTheObject() throws Exception {
        // S-WS-6, R-23
        start();
        TestClient client = TestClient.connect(ws("/room/a/ws"));

        client.socket.sendClose(4000, "bye").get(5, TimeUnit.SECONDS);

        assertEquals(new TestClient.Close(4000, "bye"), client.closed.get(5, TimeUnit.SECONDS));
        assertEquals(new EchoRoom.Closed(4000, "bye", true), closes.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void objectCloseReachesTheClientWithCodeAndReason() throws Exception {
        // S-WS-5
        start();
        TestClient client = TestClient.connect(ws("/room/a/ws"));

        client.socket.sendText("close:4001:done", true);

        assertEquals(new TestClient.Close(4001, "done"), client.closed.get(5, TimeUnit.SECONDS));
    }

    @Test
    void subprotocolComesFromThe101Response() throws Exception {
        // S-WS-2
        start();

        TestClient client = TestClient.connect(ws("/room/a/ws?protocol=chat.v1"), "other", "chat.v1");

        assertEquals("chat.v1", client.socket.getSubprotocol());
    }

    @Test
    void subprotocolTheClientDidNotOfferGives500() {
        // S-WS-2
        start();

        var failure = assertThrows(ExecutionException.class,
                () -> TestClient.connect(ws("/room/a/ws?protocol=chat.v2"), "chat.v1"));

        var handshake = (WebSocketHandshakeException) failure.getCause();
        assertEquals(500, handshake.getResponse().statusCode());
    }

    @Test
    void workerAnswerOtherThan101IsSentAsPlainHttp() {
        // S-WS-1
        start();

        var failure = assertThrows(ExecutionException.class, () -> TestClient.connect(ws("/refuse")));

        var handshake = (WebSocketHandshakeException) failure.getCause();
        assertEquals(403, handshake.getResponse().statusCode());
        assertEquals("no entry", handshake.getResponse().body());
    }

    @Test
    void messageAtTheLimitIsDeliveredAndOneByteMoreClosesWith1009() throws Exception {
        // S-WS-4, R-27, R-28
        int limit = 64 * 1024;
        start(limit);
        TestClient client = TestClient.connect(ws("/room/a/ws"));

        client.socket.sendText("a".repeat(limit), true).get(5, TimeUnit.SECONDS);
        assertEquals(limit, ((String) client.next()).length());
        client.socket.sendText("a".repeat(limit + 1), true);

        assertEquals(1009, client.closed.get(5, TimeUnit.SECONDS).code());
        EchoRoom.Closed seen = closes.poll(5, TimeUnit.SECONDS);
        assertEquals(1009, seen.code());
        assertFalse(seen.wasClean());
    }

    @Test
    void gracefulCloseSends1001ToConnectedClients() throws Exception {
        // S-LIFE-4, F15
        start();
        TestClient first = TestClient.connect(ws("/room/a/ws"));
        TestClient second = TestClient.connect(ws("/room/b/ws"));
        first.socket.sendText("warm", true);
        second.socket.sendText("warm", true);
        first.next();
        second.next();

        server.close();

        assertEquals(1001, first.closed.get(5, TimeUnit.SECONDS).code());
        assertEquals(1001, second.closed.get(5, TimeUnit.SECONDS).code());
        server.close(); // idempotent
    }

    @Test
    void clientThatVanishesIsSeenAs1006ByTheObject() throws Exception {
        // S-WS-6, R-38
        start();
        TestClient client = TestClient.connect(ws("/room/a/ws"));
        client.socket.sendText("warm", true);
        client.next();

        client.socket.abort();

        EchoRoom.Closed seen = closes.poll(5, TimeUnit.SECONDS);
        assertEquals(1006, seen.code());
        assertFalse(seen.wasClean());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.runtime().durableObjects().objects().stream()
                .allMatch(o -> o.sockets() == 0));
    }
}
