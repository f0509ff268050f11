package dev.switchboard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.broadcast.BroadcastRoom;
import dev.switchboard.examples.chat.ChatRoom;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.worker.UpgradeRefusedException;
import dev.switchboard.worker.WorkerRuntime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

// The examples behind the real front door in process: WorkerRuntime.dispatchFetch and connect.
class ExamplesInWorkerRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BASE = "http://127.0.0.1:8787";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock();

    private WorkerRuntime runtime() {
        // region runtime
        return WorkerRuntime.builder()
                .worker(new ExamplesWorker())
                .durableObject("ROOMS", ChatRoom::new)
                .durableObject("PRIVATE_ROOMS", ChatRoom::new)
                .durableObject("BROADCAST", BroadcastRoom::new)
                .clock(clock)
                .hibernateAfter(Duration.ofSeconds(1))
                .manualPasses()
                .build();
        // endregion runtime
    }

    @Test
    void twoUsersChatBothWaysBeforeAndAfterTheRoomHibernates() throws Exception {
        try (var runtime = runtime()) {
            var ann = runtime.connect(BASE + "/room/r/ws?user=ann");
            skip(ann, 2); // history, own join
            var bob = runtime.connect(BASE + "/room/r/ws?user=bob");
            skip(bob, 2);
            skip(ann, 1); // bob's join

            exchange(ann, bob, 1);
            // region hibernate
            // S-HIB-3: idle past hibernateAfter, one pass; the sockets stay open.
            clock.advance(Duration.ofSeconds(2));
            runtime.durableObjects().collectIdle();
            assertEquals(ObjectState.HIBERNATED, runtime.durableObjects().objects().get(0).state());
            // endregion hibernate
            exchange(ann, bob, 3);
            assertEquals(2, runtime.durableObjects().objects().get(0).generation()); // S-LIFE-2
        }
    }

    @Test
    void aVanishedClientIsReportedAsLeaveToThoseLeft() throws Exception {
        try (var runtime = runtime()) {
            var ann = runtime.connect(BASE + "/room/r/ws?user=ann");
            skip(ann, 2);
            var bob = runtime.connect(BASE + "/room/r/ws?user=bob");
            skip(ann, 1);

            bob.disconnect(); // S-WS-6: no Close frame, the room still hears of it
            assertEquals("{\"type\":\"leave\",\"user\":\"bob\"}", ann.receiveText(WAIT));
        }
    }

    @Test
    void webSocketRoutesRefusePlainRequestsAndBroadcastCountsSockets() throws Exception {
        try (var runtime = runtime()) {
            assertEquals(426, runtime.dispatchFetch(Request.get(BASE + "/room/r/ws?user=ann")).get().status());
            var refused = assertThrows(UpgradeRefusedException.class, () -> runtime.connect(BASE + "/nowhere"));
            assertEquals(404, refused.status());

            var a = runtime.connect(BASE + "/broadcast/a/ws");
            runtime.connect(BASE + "/broadcast/a/ws");
            assertEquals("2", runtime.dispatchFetch(Request.get(BASE + "/broadcast/a/count")).get().text());
            a.send("hello");
            assertEquals("hello", a.receiveText(WAIT));
        }
    }

    private static void exchange(InMemoryWebSocket ann, InMemoryWebSocket bob, long firstSeq) throws Exception {
        ann.send("{\"type\":\"chat\",\"text\":\"hi bob\"}");
        for (var socket : new InMemoryWebSocket[] {ann, bob}) {
            JsonNode line = json(socket.receiveText(WAIT));
            assertEquals("ann", line.get("user").asText());
            assertEquals(firstSeq, line.get("seq").asLong());
        }
        bob.send("{\"type\":\"chat\",\"text\":\"hi ann\"}");
        for (var socket : new InMemoryWebSocket[] {ann, bob}) {
            JsonNode line = json(socket.receiveText(WAIT));
            assertEquals("bob", line.get("user").asText());
            assertEquals("hi ann", line.get("text").asText());
            assertEquals(firstSeq + 1, line.get("seq").asLong());
        }
    }

    private static void skip(InMemoryWebSocket socket, int frames) {
        for (int i = 0; i < frames; i++) {
            socket.receive(WAIT);
        }
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
