package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocketPair;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// What an operator sees and does: snapshots, storage reads and actions that never wake an object (S-HIB-7, S-LIFE-1).
class OperatorViewTest {

    static final class Notes implements DurableObject {
        private final DurableObjectState ctx;

        Notes(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
            ctx.storage().sql().exec("CREATE TABLE IF NOT EXISTS notes(body TEXT)");
        }

        @Override
        public Response fetch(Request request) {
            if (request.isWebSocketUpgrade()) {
                var pair = new WebSocketPair();
                ctx.acceptWebSocket(pair.server());
                return Response.webSocket(pair.client());
            }
            ctx.storage().put("note:1", Map.of("text", "hello"));
            ctx.storage().put("other", 7);
            ctx.storage().sql().exec("INSERT INTO notes VALUES (?)", "from sql");
            return Response.text("written");
        }
    }

    @Test
    void storageReadsNeitherWakeNorChangeAHibernatedObject() throws Exception {
        try (var kit = DurableObjectTestKit.builder().durableObject("NOTES", Notes::new).build()) {
            var id = kit.env().namespace("NOTES").idFromName("n");
            kit.fetch("NOTES", "n", Request.get("http://do/"));
            kit.connect("NOTES", "n", "http://do/ws");
            kit.hibernateIdle();
            assertEquals(ObjectState.HIBERNATED, kit.state("NOTES", "n"));
            long generation = kit.generation("NOTES", "n");
            var runtime = kit.runtime();
            for (int i = 0; i < 100; i++) {
                assertEquals(Map.of("note:1", "{\"text\":\"hello\"}"),
                        runtime.readStorage("NOTES", id, r -> r.list("note:", 10)).get(10, TimeUnit.SECONDS));
            }
            assertEquals("7", runtime.readStorage("NOTES", id, r -> r.get("other").orElseThrow()).get());
            assertEquals(List.of(Map.of("body", "from sql")),
                    runtime.readStorage("NOTES", id, r -> r.query("SELECT body FROM notes")).get());
            assertEquals(ObjectState.HIBERNATED, kit.state("NOTES", "n"), "reads woke nothing");
            assertEquals(generation, kit.generation("NOTES", "n"));

            var refused = assertThrows(ExecutionException.class, () -> runtime.readStorage("NOTES", id,
                    r -> r.query("DELETE FROM notes")).get());
            assertEquals(DurableObjectException.Code.INVALID_ARGUMENT,
                    assertInstanceOf(DurableObjectException.class, refused.getCause()).code());
            var sneaky = assertThrows(ExecutionException.class, () -> runtime.readStorage("NOTES", id,
                    r -> r.query("WITH x AS (SELECT 1) DELETE FROM notes")).get());
            assertInstanceOf(DurableObjectException.class, sneaky.getCause());
            assertEquals(1, runtime.readStorage("NOTES", id, r -> r.query("SELECT * FROM notes")).get().size(),
                    "the refused writes changed nothing");
        }
    }

    @Test
    void operatorActionsAnswerWithTheNewState() throws Exception {
        try (var kit = DurableObjectTestKit.builder().durableObject("NOTES", Notes::new).build()) {
            var id = kit.env().namespace("NOTES").idFromName("n");
            var runtime = kit.runtime();
            kit.connect("NOTES", "n", "http://do/ws");
            assertEquals(ObjectState.HIBERNATED,
                    runtime.hibernate("NOTES", id).get(10, TimeUnit.SECONDS).orElseThrow().state());
            assertTrue(runtime.evict("NOTES", id).get(10, TimeUnit.SECONDS).isEmpty(), "nothing left in memory");
            assertTrue(runtime.hibernate("NOTES", kit.env().namespace("NOTES").idFromName("never")).get().isEmpty(),
                    "an unknown object is not created");
            assertEquals(false, runtime.runAlarm("NOTES", id).get(10, TimeUnit.SECONDS), "no alarm set");
        }
    }

    @Test
    void aHibernatedObjectKeepsItsDatabaseOpenForItsNextMessageAndAnEvictedOneClosesIt(@TempDir Path state)
            throws Exception {
        // Waking for a message reads or writes storage: reopening the file cost a wake about a millisecond.
        var storage = SqliteStorageEngine.onDisk(state).build();
        try (var kit = DurableObjectTestKit.builder().storage(storage).durableObject("NOTES", Notes::new).build()) {
            var id = kit.env().namespace("NOTES").idFromName("n");
            kit.fetch("NOTES", "n", Request.get("http://do/"));
            assertEquals(0, storage.openHandles(), "the commit that created the file wrote it whole and holds nothing open");
            kit.fetch("NOTES", "n", Request.get("http://do/"));
            assertEquals(1, storage.openHandles(), "the next write opened the file");
            kit.connect("NOTES", "n", "http://do/ws");
            assertEquals(1, kit.hibernateIdle());
            assertEquals(ObjectState.HIBERNATED, kit.state("NOTES", "n"));
            assertEquals(1, storage.openHandles(), "the hibernated object's database stays open");

            assertTrue(kit.runtime().evict("NOTES", id).get(10, TimeUnit.SECONDS).isEmpty());
            assertEquals(0, storage.openHandles(), "an evicted object's database is closed");
        }
    }

    @Test
    void knownObjectsIncludeThoseOnlyOnDisk(@TempDir Path state) throws Exception {
        var storage = SqliteStorageEngine.onDisk(state).build();
        try (var runtime = DurableObjectRuntime.builder().manualPasses().storage(storage)
                .durableObject("NOTES", Notes::new).build()) {
            var ns = runtime.namespace("NOTES");
            ns.getByName("kept").fetch(Request.get("http://do/")).get(10, TimeUnit.SECONDS);
            runtime.evict("NOTES", ns.idFromName("kept")).get(10, TimeUnit.SECONDS);
            var known = runtime.knownObjects();
            var kept = known.stream().filter(i -> i.id().equals(ns.idFromName("kept"))).findFirst().orElseThrow();
            assertEquals(ObjectState.INACTIVE, kept.state());
            assertTrue(kept.storageBytes() > 0, "its file has bytes: " + kept.storageBytes());
            assertTrue(runtime.objects().stream().noneMatch(i -> i.id().equals(ns.idFromName("kept"))));
        }
    }
}
