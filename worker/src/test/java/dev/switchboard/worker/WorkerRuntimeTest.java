package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// The in-process worker host: dispatchFetch and in-memory WebSockets.
class WorkerRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<EchoRoom.Closed> closes = new LinkedBlockingQueue<>();
    private WorkerRuntime runtime;

    @BeforeEach
    void start() {
        runtime = WorkerRuntime.builder()
                .worker(new TestApp())
                .durableObject("ROOMS", (state, env) -> new EchoRoom(state, closes))
                .var("GREETING", "hi")
                .manualPasses()
                .build();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void dispatchFetchRunsTheWorkerOnAWorkerThread() throws Exception {
        Response response = runtime.dispatchFetch(Request.post("http://localhost/echo", "body"))
                .get(5, TimeUnit.SECONDS);

        assertEquals(200, response.status());
        assertEquals("POST /echo body", response.text());
        assertTrue(response.headers().get("x-thread").orElseThrow().startsWith("sb-worker-"));
    }

    @Test
    void envExposesVariablesAndBindings() {
        assertEquals("hi", runtime.env().var("GREETING").orElseThrow());
        assertEquals("ROOMS", runtime.env().namespace("ROOMS").bindingName());
    }

    @Test
    void workerThatThrowsGivesAShort500WithoutTheExceptionText() throws Exception {
        // S-WRK-4
        Response response = runtime.dispatchFetch(Request.get("http://localhost/boom")).get(5, TimeUnit.SECONDS);

        assertEquals(500, response.status());
        assertTrue(response.text().contains("req-"), response.text());
        assertFalse(response.text().contains("secret internal detail"));
        assertFalse(response.text().contains("at dev.switchboard"));
    }

    @Test
    void connectedSocketEchoesTextAndBinary() {
        // S-WS-1, S-WS-3
        InMemoryWebSocket ws = runtime.connect("http://localhost/room/a/ws");

        ws.send("hello");
        ws.send(new byte[] {1, 2, 3});

        assertEquals("hello", ws.receiveText(WAIT));
        var binary = (WebSocketMessage.Binary) ws.receive(WAIT);
        assertEquals(3, binary.data().length);
        assertEquals(WebSocket.ReadyState.OPEN, ws.readyState());
    }

    @Test
    void connectToARouteThatRefusesThrowsWithStatusAndBody() {
        var refused = assertThrows(UpgradeRefusedException.class, () -> runtime.connect("http://localhost/refuse"));

        assertEquals(403, refused.status());
        assertEquals("no entry", refused.body());
    }

    @Test
    void clientCloseIsAnsweredAtOnceAndSeenCleanByTheObject() throws Exception {
        // S-WS-6
        InMemoryWebSocket ws = runtime.connect("http://localhost/room/a/ws");

        ws.close(4000, "done");

        assertEquals(new InMemoryWebSocket.CloseEvent(4000, "done", true), ws.closed().get(5, TimeUnit.SECONDS));
        assertEquals(new EchoRoom.Closed(4000, "done", true), closes.poll(5, TimeUnit.SECONDS));
        assertEquals(WebSocket.ReadyState.CLOSED, ws.readyState());
    }

    @Test
    void objectCloseReachesTheClientWithCodeAndReason() throws Exception {
        // S-WS-5
        InMemoryWebSocket ws = runtime.connect("http://localhost/room/a/ws");

        ws.send("close:4001:bye");

        assertEquals(new InMemoryWebSocket.CloseEvent(4001, "bye", true), ws.closed().get(5, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> ws.receive(WAIT));
    }

    @Test
    void disconnectIsSeenByTheObjectAs1006NotClean() throws Exception {
        // S-WS-6
        InMemoryWebSocket ws = runtime.connect("http://localhost/room/a/ws");

        ws.disconnect();

        EchoRoom.Closed seen = closes.poll(5, TimeUnit.SECONDS);
        assertEquals(1006, seen.code());
        assertFalse(seen.wasClean());
        assertFalse(ws.closed().get(5, TimeUnit.SECONDS).wasClean());
    }

    @Test
    void invalidClientCloseCodeThrowsAndSendsNothing() {
        // S-WS-5
        InMemoryWebSocket ws = runtime.connect("http://localhost/room/a/ws");

        assertThrows(IllegalArgumentException.class, () -> ws.close(1005, ""));
        ws.send("still open");
        assertEquals("still open", ws.receiveText(WAIT));
    }

    @Test
    void receiveTimesOutWithAMessageNamingTheSocket() {
        InMemoryWebSocket ws = runtime.connect("http://localhost/room/a/ws");

        var error = assertThrows(IllegalStateException.class, () -> ws.receive(Duration.ofMillis(50)));
        assertTrue(error.getMessage().contains("/room/a/ws"), error.getMessage());
    }

    @Test
    void closingTheRuntimeClosesSocketsWith1001() throws Exception {
        // S-LIFE-4
        InMemoryWebSocket ws = runtime.connect("http://localhost/room/a/ws");
        ws.send("warm up");
        ws.receiveText(WAIT);

        runtime.close();

        assertEquals(1001, ws.closed().get(5, TimeUnit.SECONDS).code());
    }

    @Test
    void subprotocolChosenByThe101IsVisible() {
        // S-WS-2
        InMemoryWebSocket ws = runtime.connect("http://localhost/room/a/ws?protocol=chat.v1");

        assertEquals("chat.v1", ws.protocol().orElseThrow());
    }
}
