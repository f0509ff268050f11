package dev.switchboard.examples.lobby;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.InProcess;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.worker.UpgradeRefusedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// The game lobby in process: matches of N start as players join, the alarm ends them, time moved by a ManualClock.
class LobbyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock();

    private InProcess runtime(int matchSize) {
        return InProcess.of(clock, InProcess.builder(clock, new LobbyWorker(), LobbyWorker.BINDING, Lobby::new)
                .var(Lobby.MATCH_SIZE_VAR, Integer.toString(matchSize)));
    }

    @Test
    void twoWaitingPlayersStartAMatchAndTheThirdWaits() throws Exception {
        try (var runtime = runtime(2)) {
            var ann = joinSocket(runtime, "ann");
            assertEquals("[\"ann\"]", next(ann).at("/waiting").toString());
            var bob = joinSocket(runtime, "bob");
            JsonNode state = next(bob);
            assertEquals(state.toString(), next(ann).toString(), "every socket gets the same state");
            assertEquals("[]", state.at("/waiting").toString());
            JsonNode match = state.at("/matches/0");
            assertEquals("m1", match.get("id").asText());
            assertEquals("[\"ann\",\"bob\"]", match.get("players").toString());
            assertEquals("running", match.get("state").asText());
            assertEquals(state.get("now").asLong() + 60_000, match.get("endsAt").asLong(), "the default is 60 s");

            var cat = joinSocket(runtime, "cat");
            assertEquals("[\"cat\"]", next(cat).at("/waiting").toString());
        }
    }

    @Test
    void theMatchTimerIsAnAlarmThatEndsTheMatchEvenWhenTheLobbyHibernated() throws Exception {
        try (var runtime = runtime(2)) {
            join(runtime, "ann");
            var bob = joinSocket(runtime, "bob");
            long endsAt = next(bob).at("/matches/0/endsAt").asLong();
            runtime.hibernate();

            clock.advance(Duration.ofMillis(endsAt - clock.millis()).minusSeconds(1));
            assertEquals(0, runtime.runDueAlarms(), "a second before the end");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(1, runtime.runDueAlarms());
            JsonNode state = next(bob);
            assertEquals("ended", state.at("/matches/0/state").asText());
            assertEquals(2, runtime.generation(), "the alarm woke the lobby");

            clock.advance(Duration.ofHours(1));
            assertEquals(0, runtime.runDueAlarms(), "no alarm is left once no match runs");
        }
    }

    @Test
    void oneAlarmServesSeveralMatchesEndingInTurn() throws Exception {
        try (var runtime = runtime(2)) {
            var ann = joinSocket(runtime, "ann");
            next(ann);
            joinSocket(runtime, "bob");
            next(ann); // m1 starts at 0 s
            clock.advance(Duration.ofSeconds(20));
            joinSocket(runtime, "cat");
            next(ann);
            joinSocket(runtime, "dan");
            next(ann); // m2 starts at 20 s

            clock.advance(Duration.ofSeconds(40));
            assertEquals(1, runtime.runDueAlarms());
            JsonNode state = next(ann);
            assertEquals("ended", state.at("/matches/0/state").asText());
            assertEquals("running", state.at("/matches/1/state").asText());
            clock.advance(Duration.ofSeconds(19));
            assertEquals(0, runtime.runDueAlarms(), "m2 has a second left");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(1, runtime.runDueAlarms());
            assertEquals("ended", next(ann).at("/matches/1/state").asText());
        }
    }

    @Test
    void aPlayerQueuesAgainOnlyOnceTheirMatchHasEnded() throws Exception {
        try (var runtime = runtime(2)) {
            var pair = annThenBob(runtime);
            var ann = pair[0];
            var bob = pair[1];
            ann.send("{\"type\":\"queue\"}");
            assertEquals("error", next(ann).get("type").asText(), "ann is playing");

            clock.advance(Duration.ofSeconds(60));
            runtime.runDueAlarms();
            next(ann);
            next(bob);
            ann.send("{\"type\":\"queue\"}");
            next(bob);
            bob.send("{\"type\":\"queue\"}");
            JsonNode state = next(bob);
            assertEquals("m2", state.at("/matches/1/id").asText(), "a rematch");
            assertEquals("running", state.at("/matches/1/state").asText());
        }
    }

    @Test
    void aPlayerWhoReconnectsDuringTheirMatchIsStillPlayingNotWaiting() throws Exception {
        try (var runtime = runtime(2)) {
            var bob = annThenBob(runtime)[1];
            JsonNode state = next(rejoin(runtime, bob));
            assertEquals("[]", state.at("/waiting").toString());
            assertEquals("running", state.at("/matches/0/state").asText());
        }
    }

    @Test
    void aWaitingPlayerWhoLeavesIsNoLongerWaitingAndTheNameIsFreeAgain() throws Exception {
        try (var runtime = runtime(3)) {
            var pair = annThenBob(runtime);
            var ann = pair[0];
            var bob = pair[1];
            var refused = assertThrows(UpgradeRefusedException.class, () -> runtime.connect("/lobby/l/ws?player=bob"));
            assertEquals(409, refused.status(), "one bob at a time");

            var again = rejoin(runtime, bob);
            assertEquals("[\"ann\"]", next(ann).at("/waiting").toString(), "bob left");
            assertEquals("[\"ann\",\"bob\"]", next(again).at("/waiting").toString());
        }
    }

    @Test
    void theRoutesServeThePageAndRefuseWhatIsNotAHandshake() throws Exception {
        try (var runtime = runtime(2)) {
            var page = runtime.get("/lobby/l");
            assertEquals(200, page.status());
            for (String id : List.of("id=\"waiting\"", "id=\"matches\"", "id=\"state\"", "id=\"queue\"")) {
                assertTrue(page.text().contains(id), "page lacks " + id);
            }
            assertEquals(426, runtime.get("/lobby/l/ws?player=ann").status());
            assertEquals(404, runtime.get("/lobby/l/other").status());
            assertEquals(404, runtime.get("/lobby/").status());
            var noName = runtime.runtime().dispatchFetch(Request.webSocketUpgrade(InProcess.BASE + "/lobby/l/ws")).get(10, TimeUnit.SECONDS);
            assertEquals(400, noName.status());
        }
    }

    private static JsonNode join(InProcess runtime, String player) throws Exception {
        return next(joinSocket(runtime, player));
    }

    /** Connects ann, then bob, reading the state frames both joins sent; returns {ann, bob}. */
    private static InMemoryWebSocket[] annThenBob(InProcess runtime) throws Exception {
        var ann = joinSocket(runtime, "ann");
        next(ann);
        var bob = joinSocket(runtime, "bob");
        next(ann);
        next(bob);
        return new InMemoryWebSocket[] {ann, bob};
    }

    /** Closes bob's socket and, once the lobby has let go of it, connects bob again. */
    private static InMemoryWebSocket rejoin(InProcess runtime, InMemoryWebSocket bob) {
        bob.close();
        await().atMost(WAIT).until(() -> runtime.runtime().durableObjects().objects().get(0).sockets() == 1);
        return joinSocket(runtime, "bob");
    }

    private static InMemoryWebSocket joinSocket(InProcess runtime, String player) {
        return runtime.connect("/lobby/l/ws?player=" + player);
    }

    private static JsonNode next(InMemoryWebSocket socket) throws Exception {
        return JSON.readTree(socket.receiveText(WAIT));
    }
}
