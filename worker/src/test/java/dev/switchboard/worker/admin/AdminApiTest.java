package dev.switchboard.worker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.Headers;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.WorkerRuntime;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// The admin API's JSON routes in process: snapshots that never wake an object, actions, and 4xx for bad input.
class AdminApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "http://localhost" + AdminApi.PREFIX;

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger constructed = new AtomicInteger();
    private final WorkerRuntime runtime = WorkerRuntime.builder()
            .worker(new Lobby.Front())
            .durableObject(Lobby.BINDING, (state, env) -> new Lobby(state, constructed::incrementAndGet))
            .clock(clock)
            .hibernateAfter(Duration.ofSeconds(1))
            .manualPasses()
            .build();
    private final UsageMeter usage = new UsageMeter(clock);
    private final AdminApi api = new AdminApi(new RuntimeObjectControl(runtime.durableObjects()), usage);

    @AfterEach
    void close() {
        runtime.close();
    }

    private JsonNode get(String path, int expectedStatus) throws Exception {
        return call(Request.get(BASE + path), expectedStatus);
    }

    private JsonNode post(String path, String body, int expectedStatus) throws Exception {
        return call(Request.post(BASE + path, body), expectedStatus);
    }

    private JsonNode call(Request request, int expectedStatus) throws Exception {
        Response response = api.handle(request);
        assertEquals(expectedStatus, response.status(), response.text());
        assertTrue(response.headers().get("content-type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private void hibernatedLobbyWithTwoSockets(String name) {
        runtime.connect("http://localhost/lobby/" + name + "/ws");
        runtime.connect("http://localhost/lobby/" + name + "/ws");
        clock.advance(Duration.ofSeconds(2));
        runtime.durableObjects().collectIdle();
    }

    @Test
    void objectsListsEachObjectWithStateGenerationAndSockets() throws Exception {
        runtime.connect("http://localhost/lobby/inside/ws");
        runtime.connect("http://localhost/lobby/inside/ws");

        JsonNode objects = get("objects", 200).get("objects");
        assertEquals(1, objects.size(), objects.toString());
        JsonNode inside = objects.get(0);
        assertEquals("LOBBIES", inside.get("binding").asText());
        assertEquals("inside", inside.get("name").asText());
        assertEquals(64, inside.get("id").asText().length());
        assertEquals(2, inside.get("sockets").asInt());
        assertEquals(1, inside.get("generation").asLong());
        assertTrue(List.of("ACTIVE", "IDLE").contains(inside.get("state").asText()), inside.toString());
        assertTrue(inside.get("hibernationBlockedBy").isArray(), inside.toString());
    }

    @Test
    void pollingAHibernatedObjectAHundredTimesNeitherWakesNorConstructsIt() throws Exception {
        hibernatedLobbyWithTwoSockets("inside");
        String id = runtime.env().namespace(Lobby.BINDING).idFromName("inside").toString();
        assertEquals(ObjectState.HIBERNATED, runtime.durableObjects().objects().get(0).state());
        int before = constructed.get();

        for (int i = 0; i < 100; i++) {
            JsonNode listed = get("objects", 200).get("objects").get(0);
            JsonNode byName = get("objects/LOBBIES/inside", 200);
            JsonNode byId = get("objects/LOBBIES/" + id, 200);
            for (JsonNode seen : List.of(listed, byName, byId)) {
                assertEquals("HIBERNATED", seen.get("state").asText());
                assertEquals(1, seen.get("generation").asLong());
                assertEquals(2, seen.get("sockets").asInt());
            }
        }
        assertEquals(before, constructed.get(), "no instance was constructed by looking");
        assertEquals(ObjectState.HIBERNATED, runtime.durableObjects().objects().get(0).state());
    }

    @Test
    void oneObjectListsItsSocketsWithTagsAttachmentAndLastAutoResponseWithoutWakingIt() throws Exception {
        var first = runtime.connect("http://localhost/lobby/inside/ws");
        runtime.connect("http://localhost/lobby/inside/ws");
        clock.advance(Duration.ofSeconds(2));
        runtime.durableObjects().collectIdle();
        first.send("ping");
        assertEquals("pong", first.receiveText(Duration.ofSeconds(5)));
        int before = constructed.get();

        JsonNode room = get("objects/LOBBIES/inside", 200);

        assertEquals("HIBERNATED", room.get("state").asText(), room.toString());
        assertEquals(2, room.get("sockets").asInt());
        JsonNode sockets = room.get("webSockets");
        assertEquals(2, sockets.size(), room.toString());
        for (JsonNode socket : sockets) {
            assertTrue(socket.get("hibernatable").asBoolean(), socket.toString());
            assertEquals("guest", socket.get("tags").get(0).asText());
            assertTrue(socket.get("attachmentBytes").asInt() > 0, socket.toString());
            assertEquals(0, socket.get("bufferedAmount").asLong());
            assertTrue(socket.get("protocol").isNull(), socket.toString());
            assertTrue(socket.get("remoteAddress").isNull(), "an in-memory client has no address: " + socket);
        }
        long answered = 0;
        for (JsonNode socket : sockets) {
            if (!socket.get("autoResponseAt").isNull()) {
                answered++;
                assertEquals(clock.instant(), java.time.Instant.parse(socket.get("autoResponseAt").asText()));
            }
        }
        assertEquals(1, answered, "only the socket that sent ping was auto-answered: " + sockets);
        assertEquals(before, constructed.get(), "listing sockets constructs nothing");
        assertEquals(ObjectState.HIBERNATED, runtime.durableObjects().objects().get(0).state());
    }

    @Test
    void anObjectNeverUsedIs404AndLookingAtItCreatesNothing() throws Exception {
        JsonNode answer = get("objects/LOBBIES/nobody", 404);
        assertTrue(answer.get("error").asText().contains("LOBBIES nobody"), answer.toString());
        assertTrue(runtime.durableObjects().objects().isEmpty());
        assertEquals(0, constructed.get());
    }

    @Test
    void badPathsUnknownBindingsAndWrongMethodsGet4xxWithAJsonReason() throws Exception {
        runtime.connect("http://localhost/lobby/inside/ws");
        String foreignId = "0".repeat(64);
        List<String> answers = new ArrayList<>();
        answers.add(get("", 404).get("error").asText());
        answers.add(get("nothing", 404).get("error").asText());
        answers.add(get("objects/LOBBIES", 404).get("error").asText());
        answers.add(get("objects/NOPE/inside", 404).get("error").asText());
        answers.add(get("objects/LOBBIES/" + foreignId, 400).get("error").asText());
        answers.add(get("objects/LOBBIES/inside/teleport", 404).get("error").asText());
        answers.add(get("objects/LOBBIES/inside/reset", 405).get("error").asText());
        answers.add(post("objects", "", 405).get("error").asText());
        answers.add(get("objects/LOBBIES/inside/storage?limit=0", 400).get("error").asText());
        answers.add(get("objects/LOBBIES/inside/storage?limit=many", 400).get("error").asText());
        answers.forEach(reason -> assertTrue(!reason.isBlank(), "every refusal says why"));
        assertTrue(answers.get(3).contains("NOPE"), answers.get(3));
    }

    @Test
    void storageListsKeysGetsOneAndRunsReadOnlySqlWithoutWakingTheObject() throws Exception {
        var socket = runtime.connect("http://localhost/lobby/inside/ws");
        socket.send("note hello");
        assertEquals("note hello", socket.receiveText(Duration.ofSeconds(10)));
        socket.send("note world");
        assertEquals("note world", socket.receiveText(Duration.ofSeconds(10)));
        post("objects/LOBBIES/inside/hibernate", "", 200);

        JsonNode entries = get("objects/LOBBIES/inside/storage?prefix=note:&limit=1", 200).get("entries");
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("note:hello", entries.get(0).get("key").asText());
        assertEquals("hello", entries.get(0).get("value").get("text").asText());
        assertTrue(entries.get(0).get("bytes").asLong() > 0);
        assertEquals("world", get("objects/LOBBIES/inside/storage/note:world", 200).get("value").get("text").asText());
        get("objects/LOBBIES/inside/storage/note:nothing", 404);

        JsonNode rows = post("objects/LOBBIES/inside/sql",
                "{\"query\": \"SELECT text FROM notes WHERE text <> ? ORDER BY text\", \"params\": [\"x\"]}", 200);
        assertEquals("[\"text\"]", rows.get("columns").toString());
        assertEquals("[[\"hello\"],[\"world\"]]", rows.get("rows").toString());
        assertTrue(post("objects/LOBBIES/inside/sql", "{\"query\": \"SELECT nope FROM nowhere\"}", 400)
                .get("error").asText().length() > 0);

        JsonNode room = get("objects/LOBBIES/inside", 200);
        assertEquals("HIBERNATED", room.get("state").asText(), "reading storage woke nothing");
        assertEquals(1, room.get("generation").asLong());
        assertEquals(1, constructed.get());
    }

    @Test
    void sqlRefusesWritesAndMalformedBodiesWith400() throws Exception {
        runtime.connect("http://localhost/lobby/inside/ws");
        String path = "objects/LOBBIES/inside/sql";
        assertTrue(post(path, "{\"query\": \"DELETE FROM t\"}", 400).get("error").asText().contains("read-only"));
        assertTrue(post(path, "{\"query\": \"SELECT 1; DROP TABLE t\"}", 400).get("error").asText()
                .contains("one statement"));
        assertTrue(post(path, "{\"query\": \"WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x\"}", 400)
                .get("error").asText().contains("INSERT"));
        assertTrue(post(path, "not json", 400).get("error").asText().contains("not JSON"));
        assertTrue(post(path, "{\"sql\": \"SELECT 1\"}", 400).get("error").asText().contains("\"query\""));
        assertTrue(post(path, "{\"query\": \"SELECT ?\", \"params\": 1}", 400).get("error").asText()
                .contains("params"));
    }

    @Test
    void resetAnswersWithTheObjectAfterTheReset() throws Exception {
        runtime.connect("http://localhost/lobby/inside/ws");
        JsonNode after = post("objects/LOBBIES/inside/reset", "", 200);
        assertEquals("inside", after.get("name").asText());
        assertEquals(0, after.get("sockets").asInt(), after.toString());
    }

    @Test
    void hibernateKeepsTheSocketsAndTheGenerationAndConstructsNothing() throws Exception {
        var socket = runtime.connect("http://localhost/lobby/inside/ws");
        JsonNode after = post("objects/LOBBIES/inside/hibernate", "", 200);
        assertEquals("HIBERNATED", after.get("state").asText(), after.toString());
        assertEquals(1, after.get("sockets").asInt());
        assertEquals(1, after.get("generation").asLong());
        assertEquals(1, constructed.get());
        assertEquals("HIBERNATED", post("objects/LOBBIES/inside/hibernate", "", 200).get("state").asText(),
                "hibernating a hibernated object is a no-op");
        socket.send("wake up");
        assertEquals("wake up", socket.receiveText(Duration.ofSeconds(10)));
        assertEquals(2, get("objects/LOBBIES/inside", 200).get("generation").asLong());
    }

    @Test
    void evictDropsTheObjectAndClosesItsSocketsWith1001() throws Exception {
        var socket = runtime.connect("http://localhost/lobby/inside/ws");
        JsonNode after = post("objects/LOBBIES/inside/evict", "", 200);
        assertEquals("INACTIVE", after.get("state").asText(), after.toString());
        assertEquals(1, after.get("generation").asLong(), "the last generation is still named");
        assertEquals(1001, socket.closed().get(10, java.util.concurrent.TimeUnit.SECONDS).code());
        get("objects/LOBBIES/inside", 404);
    }

    @Test
    void runningAnAlarmThatIsNotSetIsAConflictWithAReason() throws Exception {
        runtime.connect("http://localhost/lobby/inside/ws");
        JsonNode refused = post("objects/LOBBIES/inside/alarm/run", "", 409);
        assertTrue(refused.get("error").asText().contains("no alarm is set"), refused.toString());
    }

    @Test
    void usageShowsLessDurationThanWithoutHibernationOnceARoomHibernated() throws Exception {
        // The meter hears lifecycle changes from the event stream in a server; here from the runtime directly.
        runtime.durableObjects().onLifecycle(event -> usage.record(AdminEvent.Lifecycle.of(event)));
        runtime.durableObjects().onTurn(usage::turn);
        hibernatedLobbyWithTwoSockets("inside");
        clock.advance(Duration.ofSeconds(60));

        JsonNode room = get("usage", 200).get("objects").get(0);
        assertEquals("inside", room.get("name").asText());
        assertEquals(2.0, room.get("durationSeconds").asDouble(), room.toString());
        assertEquals(62.0, room.get("withoutHibernationSeconds").asDouble(), room.toString());
        assertEquals(2, room.get("requests").asLong(), "two upgrade fetches: " + room);
        assertEquals(0, room.get("messagesIn").asLong(), room.toString());
        assertTrue(room.get("storedBytes").isNull(), "in-memory storage cannot tell: " + room);
        assertTrue(call(Request.post(BASE + "usage", ""), 405).has("error"));
    }

    @Test
    void aResetOfAnObjectNotInMemoryIs404AndCreatesNothing() throws Exception {
        post("objects/LOBBIES/ghost/reset", "", 404);
        assertTrue(runtime.durableObjects().objects().isEmpty());
    }

    @Test
    void namesArePercentDecodedSoAnyRoomNameCanBeNamed() throws Exception {
        runtime.connect("http://localhost/lobby/two%20words/ws");
        var request = new Request("GET", URI.create(BASE + "objects/LOBBIES/two%20words"), Headers.empty(),
                "".getBytes(StandardCharsets.UTF_8));
        assertEquals("two words", call(request, 200).get("name").asText());
    }
}
