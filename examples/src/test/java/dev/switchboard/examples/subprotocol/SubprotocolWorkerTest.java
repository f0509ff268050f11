package dev.switchboard.examples.subprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.broadcast.BroadcastRoom;
import dev.switchboard.http.Request;
import dev.switchboard.worker.UpgradeRefusedException;
import dev.switchboard.worker.WorkerRuntime;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

// Subprotocol agreement, in process: /proto/{name}/ws picks chat.v2, else chat.v1, else 400 (S-WS-2).
class SubprotocolWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String URL = "http://127.0.0.1:8787/proto/a/ws";

    private static WorkerRuntime runtime() {
        return WorkerRuntime.builder()
                .worker(new SubprotocolWorker())
                .durableObject(SubprotocolWorker.BINDING, BroadcastRoom::new)
                .clock(new ManualClock())
                .manualPasses()
                .build();
    }

    private static Request offering(String protocols) {
        return Request.webSocketUpgrade(URL).withHeader("sec-websocket-protocol", protocols);
    }

    @Test
    void chatV2IsChosenWhenOfferedWhateverTheOrder() {
        try (var runtime = runtime()) {
            assertEquals(Optional.of("chat.v2"), runtime.connect(offering("chat.v1, chat.v2")).protocol());
            assertEquals(Optional.of("chat.v2"), runtime.connect(offering("chat.v2")).protocol());
            assertEquals(Optional.of("chat.v2"), runtime.connect(offering("mqtt, chat.v2")).protocol());
        }
    }

    @Test
    void chatV1IsChosenWhenItIsTheOnlyOneOffered() {
        try (var runtime = runtime()) {
            var socket = runtime.connect(offering("chat.v1"));
            assertEquals(Optional.of("chat.v1"), socket.protocol());
            socket.send("hello");
            assertEquals("hello", socket.receiveText(WAIT)); // the broadcast room behind it
        }
    }

    @Test
    void aClientOfferingNeitherGets400NamingBothAndNoRoomIsBuilt() {
        try (var runtime = runtime()) {
            for (var request : new Request[] {Request.webSocketUpgrade(URL), offering("mqtt, chat.v3")}) {
                var refused = assertThrows(UpgradeRefusedException.class, () -> runtime.connect(request));
                assertEquals(400, refused.status());
                assertTrue(refused.body().contains("chat.v2") && refused.body().contains("chat.v1"), refused.body());
            }
            assertTrue(runtime.durableObjects().objects().isEmpty(), "the room is never called");
        }
    }

    @Test
    void aPlainRequestGets426() throws Exception {
        try (var runtime = runtime()) {
            assertEquals(426, runtime.dispatchFetch(Request.get(URL)).get().status());
        }
    }
}
