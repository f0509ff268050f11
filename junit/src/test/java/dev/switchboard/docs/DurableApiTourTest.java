package dev.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.AlarmEvent;
import dev.switchboard.durable.AlarmHandler;
import dev.switchboard.durable.AlarmInfo;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectFactory;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectNamespace;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.DurableObjectStorage;
import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.RuntimeSettings;
import dev.switchboard.durable.SocketInfo;
import dev.switchboard.durable.SqlCursor;
import dev.switchboard.durable.StorageOperations;
import dev.switchboard.durable.Ticker;
import dev.switchboard.durable.TurnEvent;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// docs/api.md, package dev.switchboard.durable: every snippet of the page's section runs here.
class DurableApiTourTest {

    final ManualClock clock = new ManualClock();
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    DurableObjectRuntime runtime;

    // region DurableObject
    /** A counter in SQL storage that also takes WebSockets and an alarm. */
    static final class Counter implements DurableObject, AlarmHandler {
        private final DurableObjectState ctx;

        Counter(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
            ctx.storage().sql().exec("CREATE TABLE IF NOT EXISTS counter(value INTEGER)");
        }

        @Override
        public Response fetch(Request request) {
            if (request.isWebSocketUpgrade()) {
                var pair = new WebSocketPair();
                ctx.acceptWebSocket(pair.server(), "counter");
                return Response.webSocket(pair.client());
            }
            long value = ctx.storage().get("value", Long.class).orElse(0L) + 1;
            ctx.storage().put("value", value);
            return Response.json("{\"value\":" + value + "}");
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            ws.send("echo: " + ((WebSocketMessage.Text) message).text());
        }

        @Override
        public void alarm(AlarmInfo info) {
            ctx.storage().put("alarm-ran", info.retryCount());
        }
    }
    // endregion DurableObject

    DurableObjectRuntime start() {
        // region DurableObjectRuntime
        DurableObjectRuntime runtime = DurableObjectRuntime.builder()
                .durableObject("COUNTERS", Counter::new)
                .clock(clock)
                .manualPasses()   // tests call collectIdle() and runDueAlarms() themselves
                .build();
        // endregion DurableObjectRuntime
        this.runtime = runtime;
        return runtime;
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void namespacesIdsAndStubsReachAnObject() throws Exception {
        start();
        // region DurableObjectNamespace
        DurableObjectNamespace counters = runtime.env().namespace("COUNTERS");
        DurableObjectId byName = counters.idFromName("lobby");       // the same id in every run
        DurableObjectId unique = counters.newUniqueId();             // random, no name
        DurableObjectId again = counters.idFromString(byName.toString());
        DurableObjectStub stub = counters.getByName("lobby");        // get(idFromName("lobby"))
        // endregion DurableObjectNamespace
        // region DurableObjectId
        assertEquals(64, byName.toString().length());
        assertEquals(Optional.of("lobby"), byName.name());
        assertTrue(byName.equals(again) && again.name().isEmpty());  // the name is not part of the hex
        assertTrue(unique.name().isEmpty());
        // endregion DurableObjectId
        // region DurableObjectStub
        Response first = stub.fetch(Request.post("http://counter/", "")).get(5, TimeUnit.SECONDS);
        assertEquals("{\"value\":1}", first.text());
        assertEquals("lobby", stub.name());
        // endregion DurableObjectStub
    }

    @Test
    void theStateGivesTheObjectItsIdStorageSocketsAndClock() throws Exception {
        start();
        var stub = runtime.namespace("COUNTERS").getByName("a");
        // region DurableObjectState
        String seenInside = runtime.runInDurableObject(stub, Counter.class, (counter, ctx) ->
                ctx.bindingName() + " " + ctx.id().name().orElseThrow() + " gen " + ctx.generation()
                        + " at " + ctx.clock().instant() + " sockets " + ctx.getWebSockets().size())
                .get(5, TimeUnit.SECONDS);
        // endregion DurableObjectState
        assertEquals("COUNTERS a gen 1 at " + clock.instant() + " sockets 0", seenInside);
    }

    @Test
    void storageOffersKeyValueSqlTransactionsAndTheAlarm() throws Exception {
        start();
        var stub = runtime.namespace("COUNTERS").getByName("s");
        String result = runtime.runInDurableObject(stub, Counter.class, (counter, ctx) -> {
            // region StorageOperations
            StorageOperations kv = ctx.storage();
            kv.put("a", 1);
            kv.put(Map.of("b", 2, "c", 3));
            Optional<Integer> a = kv.get("a", Integer.class);
            Map<String, Integer> some = kv.get(List.of("a", "c", "missing"), Integer.class);
            boolean existed = kv.delete("c");
            // endregion StorageOperations
            assertEquals(Optional.of(1), a);
            assertEquals(Map.of("a", 1, "c", 3), some);
            assertTrue(existed);
            // region ListOptions
            Map<String, Integer> firstTwo = ctx.storage().list(
                    ListOptions.builder().prefix("").startAfter("0").limit(2).build(), Integer.class);
            Map<String, Integer> everything = ctx.storage().list(Integer.class); // ListOptions.all()
            // endregion ListOptions
            assertEquals(List.of("a", "b"), List.copyOf(firstTwo.keySet()));
            assertEquals(2, everything.size());
            // region DurableObjectTransaction
            ctx.storage().transaction(txn -> {
                txn.put("b", 20);
                txn.rollback();            // none of this transaction's writes remain
                return null;
            });
            // endregion DurableObjectTransaction
            assertEquals(Optional.of(2), ctx.storage().get("b", Integer.class));
            // region SqlStorage
            ctx.storage().sql().exec("INSERT INTO counter(value) VALUES (?)", 41);
            SqlCursor cursor = ctx.storage().sql().exec("SELECT value + 1 AS answer FROM counter");
            long answer = ((Number) cursor.one().get("answer")).longValue();
            // endregion SqlStorage
            assertEquals(42, answer);
            // region SqlCursor
            SqlCursor rows = ctx.storage().sql().exec("SELECT value FROM counter");
            List<String> columns = rows.columnNames();          // [value]
            List<Map<String, Object>> asMaps = rows.toList();   // or iterate, or raw() for arrays
            // endregion SqlCursor
            assertEquals(List.of("value"), columns);
            assertEquals(1, asMaps.size());
            // region DurableObjectStorage
            DurableObjectStorage storage = ctx.storage();
            storage.setAlarm(ctx.clock().instant().plusSeconds(60));
            storage.transactionSync(() -> {
                storage.put("both", true);   // KV and SQL in one atomic step
                return storage.sql().exec("DELETE FROM counter").rowsWritten();
            });
            storage.sync();                  // commit now rather than at the end of the turn
            // endregion DurableObjectStorage
            return storage.getAlarm().map(Instant::toString).orElse("none");
        }).get(5, TimeUnit.SECONDS);
        assertEquals(clock.instant().plusSeconds(60).toString(), result);
        // region AlarmHandler
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, runtime.runDueAlarms());   // Counter.alarm(info) ran as a turn
        // endregion AlarmHandler
        // region AlarmInfo
        AlarmInfo firstRun = new AlarmInfo(0, false);   // what alarm(info) gets on its first run
        AlarmInfo retry = new AlarmInfo(2, true);       // the second retry after a failure
        // endregion AlarmInfo
        assertFalse(firstRun.isRetry());
        assertEquals(2, retry.retryCount());
    }

    @Test
    void errorsCarryACodeAndAFix() {
        start();
        // region DurableObjectException
        var e = assertThrows(DurableObjectException.class, () -> runtime.env().namespace("NOPE"));
        assertEquals(DurableObjectException.Code.UNKNOWN_BINDING, e.code());
        assertTrue(e.getMessage().contains("COUNTERS"), e.getMessage());   // names the bindings there are
        // endregion DurableObjectException
    }

    @Test
    void envGivesNamespacesAndVariables() {
        // region Env
        try (var rt = DurableObjectRuntime.builder().durableObject("COUNTERS", Counter::new)
                .var("GREETING", "hello").manualPasses().build()) {
            Env env = rt.env();
            assertEquals(Optional.of("hello"), env.var("GREETING"));
            assertEquals(Map.of("GREETING", "hello"), env.vars());
            assertEquals("COUNTERS", env.namespace("COUNTERS").bindingName());
        }
        // endregion Env
    }

    @Test
    void aFactoryBuildsEachInstance() throws Exception {
        // region DurableObjectFactory
        DurableObjectFactory factory = (ctx, env) -> request -> Response.text("gen " + ctx.generation());
        try (var rt = DurableObjectRuntime.builder().durableObject("ECHO", factory).manualPasses().build()) {
            var answer = rt.namespace("ECHO").getByName("e").fetch(Request.get("http://e/")).get(5, TimeUnit.SECONDS);
            assertEquals("gen 1", answer.text());
        }
        // endregion DurableObjectFactory
    }

    @Test
    void operatorsSeeObjectsSocketsAndEventsWithoutWakingThem() throws Exception {
        // region LifecycleEvent
        var events = Collections.synchronizedList(new ArrayList<LifecycleEvent>());
        runtime = DurableObjectRuntime.builder().durableObject("COUNTERS", Counter::new).clock(clock)
                .hibernateAfter(Duration.ofSeconds(10)).manualPasses()
                .onLifecycle(events::add)   // CREATED, WOKEN, HIBERNATED, EVICTED, RESET, SHUT_DOWN
                .build();
        // endregion LifecycleEvent
        // region TurnEvent
        AutoCloseable turns = runtime.onTurn((TurnEvent turn) -> seen.add(turn.handler() + " " + turn.failed()));
        // endregion TurnEvent
        // region AlarmEvent
        AutoCloseable alarms = runtime.onAlarm((AlarmEvent alarm) ->
                seen.add("alarm " + alarm.outcome()));   // SUCCEEDED, FAILED, REPLACED, DROPPED
        // endregion AlarmEvent
        var stub = runtime.namespace("COUNTERS").getByName("o");
        stub.fetch(Request.post("http://o/", "")).get(5, TimeUnit.SECONDS);
        // region ObjectInfo
        ObjectInfo info = runtime.object("COUNTERS", stub.id()).orElseThrow();
        String line = info.binding() + ":" + info.id().label() + " " + info.state() + " gen " + info.generation()
                + ", " + info.sockets() + " sockets, " + info.storageBytes() + " bytes stored";
        // endregion ObjectInfo
        assertTrue(line.startsWith("COUNTERS:o IDLE gen 1, 0 sockets"), line);
        // region ObjectState
        clock.advance(Duration.ofSeconds(11));
        runtime.collectIdle();   // no sockets: evicted, nothing left in memory
        ObjectState state = runtime.knownObjects().get(0).state();   // INACTIVE: known from storage only
        // endregion ObjectState
        assertEquals(ObjectState.INACTIVE, state);
        turns.close();
        alarms.close();
        assertTrue(seen.contains("fetch false"), seen.toString());
        assertEquals(LifecycleEvent.Kind.CREATED, events.get(0).kind());
        // region SocketInfo
        var ws = runtime.namespace("COUNTERS").getByName("o")
                .fetch(Request.webSocketUpgrade("http://o/ws")).get(5, TimeUnit.SECONDS).webSocketEnd().orElseThrow();
        List<SocketInfo> sockets = runtime.sockets("COUNTERS", stub.id());
        boolean hibernatable = sockets.get(0).hibernatable();   // accepted with ctx.acceptWebSocket
        List<String> tags = sockets.get(0).tags();              // [counter]
        // endregion SocketInfo
        assertTrue(hibernatable);
        assertEquals(List.of("counter"), tags);
        ws.close();
    }

    @Test
    void settingsAreOneValueEveryBuilderShares() {
        // region RuntimeBuilder
        DurableObjectRuntime.Builder builder = DurableObjectRuntime.builder()
                .durableObject("COUNTERS", Counter::new)
                .hibernateAfter(Duration.ofSeconds(1))
                .evictAfter(Duration.ofSeconds(5))
                .blockConcurrencyTimeout(Duration.ofSeconds(30));
        // endregion RuntimeBuilder
        // region RuntimeSettings
        RuntimeSettings settings = builder.settings();
        var copy = DurableObjectRuntime.builder().settings(settings);   // the same clock, limits, storage
        // endregion RuntimeSettings
        assertEquals(Duration.ofSeconds(1), copy.settings().hibernateAfter());
        assertEquals(Duration.ofSeconds(5), settings.evictAfter());
    }

    @Test
    void aTickerGivesElapsedTime() {
        // region Ticker
        Ticker ticker = clock;                     // ManualClock is a Ticker: idle time follows it
        long before = ticker.nanoTime();
        clock.advance(Duration.ofSeconds(2));
        long elapsed = ticker.nanoTime() - before; // 2 s in nanoseconds
        // endregion Ticker
        assertEquals(Duration.ofSeconds(2).toNanos(), elapsed);
    }

    @Test
    void operatorsReadStorageAndRunCodeInsideAnObject() throws Exception {
        start();
        var stub = runtime.namespace("COUNTERS").getByName("r");
        stub.fetch(Request.post("http://r/", "")).get(5, TimeUnit.SECONDS);
        // region StorageReader
        Optional<String> json = runtime.readStorage("COUNTERS", stub.id(), reader -> reader.get("value"))
                .get(5, TimeUnit.SECONDS);   // values as JSON text, read without waking the object
        // endregion StorageReader
        assertEquals(Optional.of("1"), json);
        // region InDurableObject
        long value = runtime.runInDurableObject(stub, Counter.class,
                (Counter counter, DurableObjectState ctx) -> ctx.storage().get("value", Long.class).orElse(0L))
                .get(5, TimeUnit.SECONDS);
        // endregion InDurableObject
        assertEquals(1L, value);
    }
}
