package dev.switchboard.cli.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.worker.WorkerServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// The reconnecting client over real sockets: drops, backoff from a seeded random, heartbeat timeouts.
class ReconnectingWebSocketIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    private static final long SEED = 7;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Recorder events = new Recorder();
    private WorkerServer server;
    private ReconnectingWebSocket client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ReconnectingWebSocket.Builder client(String path) {
        server = TestRooms.server();
        return ReconnectingWebSocket.builder(URI.create("ws://127.0.0.1:" + server.port() + path))
                .backoff(BACKOFF)
                .random(new SplittableRandom(SEED))
                .scheduler(scheduler)
                .listener(events);
    }

    private static List<Duration> expectedDelays(int count) {
        var random = new SplittableRandom(SEED);
        return IntStream.range(0, count).mapToObj(n -> BACKOFF.delay(n, random)).toList();
    }

    @Test
    void reconnectsAfterTheServerDropsTheConnection() throws Exception {
        client = client("/echo/a").build().connect();
        await().atMost(WAIT).until(() -> events.opens.size() == 1);
        client.send("one").get();
        await().atMost(WAIT).until(() -> events.texts.contains("one"));

        // S-LIFE-3: an operator's reset closes every socket of the room with 1011.
        var rooms = server.runtime().durableObjects();
        rooms.reset(TestRooms.ECHO, rooms.namespace(TestRooms.ECHO).idFromName("a"), "test drop");
        await().atMost(WAIT).until(() -> events.delays.size() == 1);
        assertEquals(1011, events.closeCodes.get(0));
        assertEquals(expectedDelays(1), events.delays);
        assertFalse(client.isOpen());

        scheduler.advance(events.delays.get(0));
        await().atMost(WAIT).until(() -> events.opens.size() == 2);
        client.send("two").get();
        await().atMost(WAIT).until(() -> events.texts.contains("two"));
    }

    @Test
    void whileTheServerIsAwayItRetriesWithTheSeededJitteredBackoff() throws Exception {
        int deadPort;
        try (var probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        client = ReconnectingWebSocket.builder(URI.create("ws://127.0.0.1:" + deadPort + "/echo/a"))
                .backoff(BACKOFF).random(new SplittableRandom(SEED)).scheduler(scheduler).listener(events)
                .build().connect();
        for (int attempt = 1; attempt <= 5; attempt++) {
            int seen = attempt;
            await().atMost(WAIT).until(() -> events.delays.size() == seen);
            assertEquals(attempt, events.attempts.get(attempt - 1));
            scheduler.advance(events.delays.get(attempt - 1));
        }
        await().atMost(WAIT).until(() -> events.delays.size() == 6);
        assertEquals(expectedDelays(6), events.delays);
        assertTrue(events.opens.isEmpty());

        client.close();
        assertEquals(0, scheduler.waiting(), "close() stops reconnecting");
        var failure = assertThrows(ExecutionException.class, () -> client.send("x").get());
        assertInstanceOf(IllegalStateException.class, failure.getCause());
    }

    @Test
    void aHeartbeatWithoutPongWithinTheTimeoutCountsAsDeadAndReconnects() {
        client = client("/silent/a").heartbeat("ping", "pong", Duration.ofSeconds(25), Duration.ofSeconds(10))
                .build().connect();
        await().atMost(WAIT).until(() -> events.opens.size() == 1);

        scheduler.advance(Duration.ofSeconds(25)); // sends ping; the silent room never answers
        assertTrue(events.delays.isEmpty(), "not dead before the timeout");
        scheduler.advance(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> events.delays.size() == 1);
        assertEquals(ReconnectingWebSocket.ABNORMAL_CLOSURE, events.closeCodes.get(0));
        assertInstanceOf(TimeoutException.class, events.causes.get(0));

        scheduler.advance(events.delays.get(0));
        await().atMost(WAIT).until(() -> events.opens.size() == 2);
    }

    @Test
    void anAnsweredHeartbeatKeepsTheConnectionAndTheReplyIsNotAMessage() {
        client = client("/echo/a").heartbeat("ping", "pong", Duration.ofSeconds(25), Duration.ofSeconds(10))
                .build().connect();
        await().atMost(WAIT).until(() -> events.opens.size() == 1);

        for (int beat = 1; beat <= 2; beat++) {
            int answered = beat;
            scheduler.advance(Duration.ofSeconds(25)); // S-HIB-6: the room's auto-response answers
            await().atMost(WAIT).until(() -> client.heartbeatsAnswered() == answered);
        }
        scheduler.advance(Duration.ofSeconds(10));
        assertTrue(events.delays.isEmpty(), "no reconnect: " + events.causes);
        assertTrue(client.isOpen());
        assertTrue(events.texts.isEmpty(), "pongs are not passed on: " + events.texts);
    }

    @Test
    void aLargeMessageArrivesWholeWhateverTheFragments() throws Exception {
        client = client("/echo/a").build().connect();
        await().atMost(WAIT).until(() -> events.opens.size() == 1);
        String big = "x".repeat(1 << 20) + "end";
        client.send(big).get();
        await().atMost(WAIT).until(() -> events.texts.size() == 1);
        assertEquals(big, events.texts.get(0));
    }

    @Test
    void closeStopsReconnectingAndDoesNotReportADrop() {
        client = client("/echo/a").heartbeat("ping", "pong", Duration.ofSeconds(25), Duration.ofSeconds(10))
                .build().connect();
        await().atMost(WAIT).until(() -> events.opens.size() == 1);
        client.close();
        assertFalse(client.isOpen());
        assertEquals(0, scheduler.waiting(), "heartbeat cancelled");
        scheduler.advance(Duration.ofMinutes(5));
        assertTrue(events.delays.isEmpty());
    }

    private static final class Recorder implements ReconnectingWebSocket.Listener {
        final List<String> opens = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
        final List<Integer> attempts = new CopyOnWriteArrayList<>();
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        final List<Throwable> causes = new CopyOnWriteArrayList<>();

        @Override
        public void onOpen(ReconnectingWebSocket socket, String protocol) {
            opens.add(protocol);
        }

        @Override
        public void onText(ReconnectingWebSocket socket, String text) {
            texts.add(text);
        }

        @Override
        public void onClose(ReconnectingWebSocket socket, int code, String reason) {
            closeCodes.add(code);
        }

        @Override
        public void onReconnecting(ReconnectingWebSocket socket, int attempt, Duration delay, Throwable cause) {
            attempts.add(attempt);
            causes.add(cause);
            delays.add(delay); // last, since tests wait on this list
        }
    }
}
