package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.durable.testing.Rooms;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketPair;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// WebSockets in objects: closing, limits, attachments (S-WS, S-HIB-1, S-HIB-2).
class WebSocketsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Rooms.Recorder recorder = new Rooms.Recorder();
    private final DurableObjectTestKit kit = DurableObjectTestKit.builder()
            .durableObject("ROOMS", (ctx, env) -> new Rooms.EchoRoom(ctx, env, recorder)).build();

    @AfterEach
    void close() {
        kit.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {999, 1001, 1004, 1005, 1006, 1011, 1015, 2999, 5000})
    void applicationCloseWithAReservedCodeThrowsAndSendsNothing(int code) {
        // S-WS-5, R-35
        var pair = new WebSocketPair();
        InMemoryWebSocket client = InMemoryWebSocket.couple(java.net.URI.create("http://do/ws"), pair.client(), null);
        assertThrows(IllegalArgumentException.class, () -> pair.server().close(code, "no"));
        assertEquals(WebSocket.ReadyState.OPEN, pair.server().readyState());
        assertEquals(WebSocket.ReadyState.OPEN, client.readyState());
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 3000, 4999})
    void applicationCloseWithAnAllowedCodeReachesTheClient(int code) throws Exception {
        // S-WS-5
        var pair = new WebSocketPair();
        InMemoryWebSocket client = InMemoryWebSocket.couple(java.net.URI.create("http://do/ws"), pair.client(), null);
        pair.server().close(code, "bye");
        assertEquals(new InMemoryWebSocket.CloseEvent(code, "bye", true), client.closed().get(10, TimeUnit.SECONDS));
        assertEquals(WebSocket.ReadyState.CLOSED, pair.server().readyState());
    }

    @Test
    void closeReasonOver123BytesThrows() {
        // S-WS-5
        var pair = new WebSocketPair();
        assertThrows(IllegalArgumentException.class, () -> pair.server().close(1000, "é".repeat(62)));
        assertDoesNotThrow(() -> pair.server().close(1000, "x".repeat(123)));
    }

    @Test
    void peerCloseIsAnsweredAtOnceAndReportedClean() throws Exception {
        // S-WS-6, R-23
        InMemoryWebSocket ann = kit.connect("ROOMS", "r", "http://do/ws?user=ann");
        ann.close(3001, "done");
        assertEquals(new InMemoryWebSocket.CloseEvent(3001, "done", true), ann.closed().get(10, TimeUnit.SECONDS),
                "the runtime echoed the Close");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> recorder.calls.contains("close 3001 done true open=0"));
    }

    @Test
    void vanishedPeerGives1006AndWasCleanFalse() {
        // S-WS-6, R-38
        InMemoryWebSocket ann = kit.connect("ROOMS", "r", "http://do/ws?user=ann");
        ann.disconnect();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> recorder.calls.stream()
                .anyMatch(c -> c.startsWith("close 1006 ") && c.endsWith("false open=0")));
    }

    @Test
    void sendAfterCloseIsANoOp() {
        // S-WS-7
        var pair = new WebSocketPair();
        InMemoryWebSocket.couple(java.net.URI.create("http://do/ws"), pair.client(), null);
        pair.server().close();
        assertDoesNotThrow(() -> pair.server().send("late"));
        assertDoesNotThrow(() -> pair.server().send(new byte[] {1}));
    }

    @Test
    void attachmentOver16KiBThrows() {
        // S-HIB-2
        var pair = new WebSocketPair();
        var e = assertThrows(DurableObjectException.class, () -> pair.server().serializeAttachment("x".repeat(17_000)));
        assertEquals(DurableObjectException.Code.LIMIT_EXCEEDED, e.code());
        pair.server().serializeAttachment(java.util.Map.of("user", "ann"));
        assertEquals("ann", pair.server().deserializeAttachment(java.util.Map.class).orElseThrow().get("user"));
    }

    @Test
    void acceptWithTooManyOrTooLongTagsThrows() {
        // S-HIB-1
        var e = assertThrows(DurableObjectException.class,
                () -> kit.connect("ROOMS", "t", "http://do/ws?tag=" + "x".repeat(257)));
        assertEquals(DurableObjectException.Code.LIMIT_EXCEEDED, e.code());
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }

    @Test
    void messagesSentBeforeTheClientIsCoupledArriveFirstInOrder() {
        // S-WS-1: the object may send in fetch, before the handshake completes
        var pair = new WebSocketPair();
        pair.server().accept(new dev.switchboard.http.WebSocketListener() { });
        pair.server().send("one");
        pair.server().send("two");
        InMemoryWebSocket client = InMemoryWebSocket.couple(java.net.URI.create("http://do/ws"), pair.client(), null);
        assertEquals("one", client.receiveText(WAIT));
        assertEquals("two", client.receiveText(WAIT));
    }
}
