package dev.switchboard.examples.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.InProcess;
import dev.switchboard.http.InMemoryWebSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

// Live cursors in process: moves reach the others, throttled by ctx.clock(), kept across hibernation.
class PresenceRoomTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock();

    private InProcess runtime() {
        return InProcess.of(clock, InProcess.builder(clock, new PresenceWorker(), PresenceWorker.BINDING, PresenceRoom::new));
    }

    @Test
    void aMoveReachesTheOthersButNotTheSender() throws Exception {
        try (var runtime = runtime()) {
            var ann = runtime.connect("/presence/r/ws?name=ann");
            String annId = next(ann).get("id").asText();
            var bob = runtime.connect("/presence/r/ws?name=bob");
            assertEquals("[]", next(bob).get("cursors").toString(), "ann has not moved yet");

            ann.send("{\"type\":\"move\",\"x\":0.25,\"y\":0.5}");
            assertEquals("{\"type\":\"cursor\",\"id\":\"" + annId + "\",\"name\":\"ann\",\"x\":0.25,\"y\":0.5}",
                    bob.receiveText(WAIT));
            bob.send("{\"type\":\"move\",\"x\":2,\"y\":-1}");
            JsonNode bobs = next(ann);
            assertEquals("bob", bobs.get("name").asText());
            assertEquals(1.0, bobs.get("x").asDouble(), "positions are kept between 0 and 1");
            assertEquals(0.0, bobs.get("y").asDouble());
            bob.send("ping");
            assertEquals("error", next(bob).get("type").asText());
            clock.advance(PresenceRoom.MIN_GAP);
            ann.send("{\"type\":\"move\",\"x\":0.5,\"y\":0.5}");
            assertEquals(0.5, next(bob).get("x").asDouble(), "ann was told nothing of her own move: the next frame is bob's");
        }
    }

    @Test
    void movesCloserThanTheGapAreKeptButNotPassedOn() throws Exception {
        try (var runtime = runtime()) {
            var ann = runtime.connect("/presence/r/ws?name=ann");
            next(ann);
            var bob = runtime.connect("/presence/r/ws?name=bob");
            next(bob);

            ann.send("{\"type\":\"move\",\"x\":0.1,\"y\":0.1}");
            assertEquals(0.1, next(bob).get("x").asDouble());
            clock.advance(PresenceRoom.MIN_GAP.minusMillis(1));
            ann.send("{\"type\":\"move\",\"x\":0.2,\"y\":0.2}");  // too soon: held back
            handled(ann);
            clock.advance(Duration.ofMillis(1));
            ann.send("{\"type\":\"move\",\"x\":0.3,\"y\":0.3}");  // the gap is over
            assertEquals(0.3, next(bob).get("x").asDouble(), "0.2 was never passed on");

            clock.advance(Duration.ofMillis(1));
            ann.send("{\"type\":\"move\",\"x\":0.4,\"y\":0.4}");  // held back, but kept
            handled(ann);
            var cat = runtime.connect("/presence/r/ws?name=cat");
            JsonNode cursors = next(cat).get("cursors");
            assertEquals(1, cursors.size(), "only ann has moved");
            assertEquals(0.4, cursors.get(0).get("x").asDouble(), "a newcomer sees where ann really is");
            clock.advance(PresenceRoom.MIN_GAP);
            ann.send("{\"type\":\"move\",\"x\":0.5,\"y\":0.5}");
            assertEquals(0.5, next(bob).get("x").asDouble(), "0.4 was never passed on");
        }
    }

    @Test
    void positionsOutliveHibernationAndTheOthersHearWhoLeft() throws Exception {
        try (var runtime = runtime()) {
            var ann = runtime.connect("/presence/r/ws?name=ann");
            String annId = next(ann).get("id").asText();
            ann.send("{\"type\":\"move\",\"x\":0.7,\"y\":0.8}");
            runtime.hibernate();
            var bob = runtime.connect("/presence/r/ws");
            JsonNode welcome = next(bob);
            assertEquals("{\"type\":\"cursor\",\"id\":\"" + annId + "\",\"name\":\"ann\",\"x\":0.7,\"y\":0.8}",
                    welcome.get("cursors").get(0).toString());
            assertEquals(2, runtime.generation(), "a fresh instance, from the attachments");
            String bobId = welcome.get("id").asText();
            bob.send("{\"type\":\"move\",\"x\":0.1,\"y\":0.1}");
            assertEquals(bobId, next(ann).get("name").asText(), "without ?name= the id is the label");

            ann.close();
            assertEquals("{\"type\":\"gone\",\"id\":\"" + annId + "\"}", bob.receiveText(WAIT));
        }
    }

    @Test
    void theRoutesServeThePageAnd426() throws Exception {
        try (var runtime = runtime()) {
            var page = runtime.get("/presence/r");
            assertEquals(200, page.status());
            assertTrue(page.text().contains("id=\"board\""), "the cursors are drawn in #board");
            assertEquals(426, runtime.get("/presence/r/ws").status());
            assertEquals(404, runtime.get("/presence/r/x").status());
            assertTrue(runtime.runtime().durableObjects().objects().isEmpty(), "a refused request constructs no room");
        }
    }

    /**
     * Waits until the room has handled what {@code socket} sent so far: a held-back move answers
     * nothing, but frames of one socket are handled in order, so the error for a bad frame sent
     * after it means the move was handled, at the time the clock showed then.
     */
    private static void handled(InMemoryWebSocket socket) throws Exception {
        socket.send("sync");
        assertEquals("error", next(socket).get("type").asText());
    }

    private static JsonNode next(InMemoryWebSocket socket) throws Exception {
        return JSON.readTree(socket.receiveText(WAIT));
    }
}
