package dev.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.storage.KeyOrder;
import dev.switchboard.durable.storage.ObjectStore;
import dev.switchboard.durable.storage.SqlStatements;
import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.durable.storage.StorageEngine;
import dev.switchboard.durable.storage.StoredAlarm;
import dev.switchboard.durable.storage.StoredObject;
import dev.switchboard.durable.storage.ValueCodec;
import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// docs/api.md, packages dev.switchboard.durable.storage and dev.switchboard.durable.testing.
class StorageApiTourTest {

    @TempDir
    Path dir;

    @Test
    void anEngineKeepsOneSqliteFilePerObject() throws Exception {
        // region SqliteStorageEngine
        StorageEngine onDisk = SqliteStorageEngine.onDisk(dir.resolve("state"))
                .durability(SqliteStorageEngine.Durability.STRICT)   // synchronous=FULL: survives a power cut
                .build();
        StorageEngine inMemory = SqliteStorageEngine.inMemory();      // keeps nothing after close()
        // endregion SqliteStorageEngine
        inMemory.close();
        // region StorageEngine
        try (var runtime = DurableObjectRuntime.builder().storage(onDisk).manualPasses()
                .durableObject("COUNTERS", DurableApiTourTest.Counter::new).build()) {
            runtime.namespace("COUNTERS").getByName("x").fetch(Request.post("http://x/", "")).get(5, TimeUnit.SECONDS);
        }   // closing the runtime closes its engine
        // endregion StorageEngine
        // region StoredObject
        try (var engine = SqliteStorageEngine.onDisk(dir.resolve("state")).build()) {
            List<StoredObject> stored = engine.storedObjects();   // found on disk, without running anything
            List<StoredAlarm> alarms = engine.storedAlarms();      // read at start by the alarm scheduler
            assertEquals("COUNTERS", stored.get(0).binding());
            assertEquals(List.of(), alarms);
        }
        // endregion StoredObject
        // region StoredAlarm
        var alarm = new StoredAlarm("COUNTERS", stored(), Instant.parse("2030-01-01T00:00:00Z"));
        // endregion StoredAlarm
        assertEquals("x", alarm.id().name().orElseThrow());
    }

    private static dev.switchboard.durable.DurableObjectId stored() {
        try (var rt = DurableObjectRuntime.builder().manualPasses()
                .durableObject("COUNTERS", DurableApiTourTest.Counter::new).build()) {
            return rt.namespace("COUNTERS").idFromName("x");
        }
    }

    @Test
    void anObjectStoreIsWhatTheRuntimeWritesThrough() throws Exception {
        try (StorageEngine engine = SqliteStorageEngine.inMemory()) {
            var id = stored();
            // region ObjectStore
            ObjectStore store = engine.open("COUNTERS", id);
            store.put("k", ValueCodec.encode(7));
            store.commit();                                        // the runtime commits once per turn
            List<ObjectStore.Entry> entries = store.list(ListOptions.all());
            // endregion ObjectStore
            assertEquals(7, ValueCodec.decode(entries.get(0).value(), Integer.class));
            store.close();
        }
    }

    @Test
    void helpersForKeysValuesAndSql() {
        // region KeyOrder
        var keys = new TreeSet<>(KeyOrder.UTF8);      // the order list() returns: by UTF-8 bytes
        keys.addAll(List.of("é", "z", "a"));
        // endregion KeyOrder
        assertEquals(List.of("a", "z", "é"), List.copyOf(keys));
        // region ValueCodec
        byte[] json = ValueCodec.encode(List.of(1, 2));           // what storage keeps for a value
        List<?> back = ValueCodec.decode(json, List.class);
        // endregion ValueCodec
        assertEquals(List.of(1, 2), back);
        // region SqlStatements
        List<String> statements = SqlStatements.split("CREATE TABLE t(v); SELECT ';' FROM t");
        boolean read = SqlStatements.isRead(statements.get(1));   // true: a SELECT
        // endregion SqlStatements
        assertEquals(2, statements.size());
        assertTrue(read);
    }

    @Test
    void theTestKitRunsObjectsWithAManualClock() {
        // region DurableObjectTestKit
        try (var kit = DurableObjectTestKit.builder()
                .durableObject("COUNTERS", DurableApiTourTest.Counter::new)
                .hibernateAfter(Duration.ofSeconds(10))
                .build()) {
            assertEquals("{\"value\":1}", kit.fetch("COUNTERS", "a", Request.post("http://a/", "")).text());
            var socket = kit.connect("COUNTERS", "a", "ws://a/ws");
            kit.advance(Duration.ofSeconds(11));
            assertEquals(1, kit.hibernateIdle());
            assertEquals(ObjectState.HIBERNATED, kit.state("COUNTERS", "a"));
            socket.send("hi");                                     // wakes it: generation 2
            assertEquals("echo: hi", socket.receiveText(Duration.ofSeconds(5)));
            assertEquals(2, kit.generation("COUNTERS", "a"));
        }
        // endregion DurableObjectTestKit
    }

    @Test
    void aManualClockMovesOnlyWhenTold() {
        // region ManualClock
        var clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Instant.parse("2026-01-01T00:05:00Z"), clock.instant());
        // endregion ManualClock
    }
}
