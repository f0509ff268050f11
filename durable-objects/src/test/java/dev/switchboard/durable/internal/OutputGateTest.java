package dev.switchboard.durable.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.SqlStorage;
import dev.switchboard.durable.storage.ObjectStore;
import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.durable.storage.StorageEngine;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.spi.WebSocketConnection;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import dev.switchboard.http.spi.WebSocketTransport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The output gate when a commit fails: error, no outputs, reset, recovery (S-STO-4, S-LIFE-3, F-3). */
class OutputGateTest {

    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger failedCommits = new AtomicInteger();
    DurableObjectRuntime runtime;

    /** Stores each message and echoes it after the write; SQL writes go through {@code /sql}. */
    static final class Room implements DurableObject {
        private final DurableObjectState state;
        private final Env env;

        Room(DurableObjectState state, Env env) {
            this.state = state;
            this.env = env;
        }

        @Override
        public Response fetch(Request request) {
            String path = request.url().getPath();
            if (request.isWebSocketUpgrade()) {
                var pair = new WebSocketPair();
                state.acceptWebSocket(pair.server());
                return Response.webSocket(pair.client());
            }
            if (path.equals("/write")) {
                state.storage().put("value", "written");
            } else if (path.equals("/sql")) {
                state.storage().sql().exec("CREATE TABLE IF NOT EXISTS t(v)");
            }
            return Response.text(state.storage().get("value", String.class).orElse("none"));
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            String text = ((WebSocketMessage.Text) message).text();
            ws.send("before-write:" + text);
            if (text.startsWith("sync:")) {
                state.storage().put("last", text);
                ws.send("held:" + text);
                try {
                    state.storage().sync();
                } catch (DurableObjectException e) {
                    ws.send("after-failed-sync:" + text);
                }
                return;
            }
            if (text.startsWith("call:")) {
                state.storage().put("last", text);
                ws.send("held:" + text);
                var other = state.storage().get("last", String.class); // reads still work
                try {
                    env.namespace("ROOMS").getByName("other").fetch(Request.get("http://x/read")).join();
                } catch (RuntimeException e) {
                    ws.send("after-failed-call:" + other.orElse(""));
                }
                return;
            }
            if (text.startsWith("sql:")) {
                state.storage().sql().exec("CREATE TABLE IF NOT EXISTS msg(body TEXT)");
                state.storage().sql().exec("INSERT INTO msg VALUES (?)", text);
            } else {
                state.storage().put("last", text);
            }
            ws.send("stored:" + text);
        }
    }

    /** Records what reaches the client. */
    static class Client implements WebSocketTransport {
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile int closeCode;

        @Override
        public void send(WebSocketMessage message) {
            received.add(((WebSocketMessage.Text) message).text());
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        @Override
        public long bufferedAmount() {
            return 0;
        }
    }

    /** Wraps the real engine; commits fail while {@code failing} is set, as a full disk would make them. */
    final class FaultyEngine implements StorageEngine {
        private final StorageEngine real = SqliteStorageEngine.inMemory();

        @Override
        public ObjectStore open(String binding, DurableObjectId id) {
            return new FaultyStore(real.open(binding, id));
        }

        @Override
        public String describe() {
            return "faulty " + real.describe();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    final class FaultyStore implements ObjectStore {
        private final ObjectStore real;

        FaultyStore(ObjectStore real) {
            this.real = real;
        }

        @Override
        public void commit() {
            if (failing.get()) {
                failedCommits.incrementAndGet();
                throw new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED, "injected: disk full");
            }
            real.commit();
        }

        @Override
        public byte[] get(String key) {
            return real.get(key);
        }

        @Override
        public List<Entry> list(ListOptions options) {
            return real.list(options);
        }

        @Override
        public void put(String key, byte[] value) {
            real.put(key, value);
        }

        @Override
        public boolean delete(String key) {
            return real.delete(key);
        }

        @Override
        public void deleteAll() {
            real.deleteAll();
        }

        @Override
        public Optional<Instant> alarm() {
            return real.alarm();
        }

        @Override
        public void setAlarm(Instant time) {
            real.setAlarm(time);
        }

        @Override
        public int savepoint() {
            return real.savepoint();
        }

        @Override
        public void release(int depth) {
            real.release(depth);
        }

        @Override
        public void rollbackTo(int depth) {
            real.rollbackTo(depth);
        }

        @Override
        public boolean hasChanges() {
            return real.hasChanges();
        }

        @Override
        public void rollback() {
            real.rollback();
        }

        @Override
        public SqlStorage sql() {
            return real.sql();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    Response fetch(String path) throws Exception {
        return runtime.namespace("ROOMS").getByName("r").fetch(Request.get("http://x" + path)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailedCommitDropsTheTurnsSendsResetsTheObjectAndLaterTurnsSucceed() throws Exception {
        // F-3, S-STO-4, S-LIFE-3
        runtime = DurableObjectRuntime.builder().manualPasses().storage(new FaultyEngine())
                .durableObject("ROOMS", Room::new).build();
        var stub = runtime.namespace("ROOMS").getByName("r");
        var clientEnd = stub.fetch(Request.webSocketUpgrade("http://x/ws")).get(10, TimeUnit.SECONDS)
                .webSocketEnd().orElseThrow();
        var client = new Client();
        WebSocketConnection connection = WebSocketPair.couple(clientEnd, client);

        connection.receive(WebSocketMessage.text("one"));
        await(() -> client.received.contains("stored:one"));

        failing.set(true);
        connection.receive(WebSocketMessage.text("two"));
        await(() -> client.closeCode != 0);
        assertEquals(1011, client.closeCode);
        // Sent before the write: not gated. Sent after it: dropped with the failed commit.
        assertEquals(List.of("before-write:one", "stored:one", "before-write:two"), client.received);

        var error = assertThrows(ExecutionException.class, () -> fetch("/write"));
        assertInstanceOf(DurableObjectException.class, error.getCause());
        assertEquals(DurableObjectException.Code.STORAGE_FAILED, ((DurableObjectException) error.getCause()).code());
        var sqlError = assertThrows(ExecutionException.class, () -> fetch("/sql"));
        assertEquals(DurableObjectException.Code.STORAGE_FAILED, ((DurableObjectException) sqlError.getCause()).code());
        assertEquals(3, failedCommits.get());

        failing.set(false);
        assertEquals("none", fetch("/read").text()); // the failed writes are gone
        assertEquals("written", fetch("/write").text());
        assertEquals("written", fetch("/read").text());
    }

    @Test
    void aWriteThroughSqlAloneAlsoHoldsTheTurnsSends() throws Exception {
        // S-STO-4, S-STO-5: an exec that writes marks the turn, so its sends wait for the commit
        runtime = DurableObjectRuntime.builder().manualPasses().storage(new FaultyEngine())
                .durableObject("ROOMS", Room::new).build();
        var clientEnd = runtime.namespace("ROOMS").getByName("r").fetch(Request.webSocketUpgrade("http://x/ws"))
                .get(10, TimeUnit.SECONDS).webSocketEnd().orElseThrow();
        var client = new Client();
        WebSocketConnection connection = WebSocketPair.couple(clientEnd, client);
        connection.receive(WebSocketMessage.text("sql:ok"));
        await(() -> client.received.contains("stored:sql:ok"));
        failing.set(true);
        connection.receive(WebSocketMessage.text("sql:lost"));
        await(() -> client.closeCode != 0);
        assertEquals(1011, client.closeCode);
        assertEquals(List.of("before-write:sql:ok", "stored:sql:ok", "before-write:sql:lost"), client.received);
    }

    @Test
    void aFailedCommitInsideSyncOrBeforeACallReleasesNothingAndResetsTheObject() throws Exception {
        // S-STO-4: whichever commit of the turn fails, what it held never leaves and the object is reset
        for (String kind : List.of("sync:", "call:")) {
            runtime = DurableObjectRuntime.builder().manualPasses().storage(new FaultyEngine())
                    .durableObject("ROOMS", Room::new).build();
            var clientEnd = runtime.namespace("ROOMS").getByName("r").fetch(Request.webSocketUpgrade("http://x/ws"))
                    .get(10, TimeUnit.SECONDS).webSocketEnd().orElseThrow();
            var client = new Client();
            WebSocketConnection connection = WebSocketPair.couple(clientEnd, client);
            failing.set(true);
            connection.receive(WebSocketMessage.text(kind + "x"));
            await(() -> client.closeCode != 0);
            assertEquals(1011, client.closeCode, kind);
            assertEquals(List.of("before-write:" + kind + "x"), client.received, kind + " sent nothing held or later");
            failing.set(false);
            assertEquals("none", fetch("/read").text(), kind + " the failed write is gone");
            runtime.close();
        }
        runtime = DurableObjectRuntime.builder().manualPasses().durableObject("ROOMS", Room::new).build();
    }

    @Test
    void aFailureWhileReleasingOutputsResetsTheObjectAndStillAnswersTheCaller() throws Exception {
        // The end of a turn is exception-safe: whatever fails there, the caller gets an answer.
        runtime = DurableObjectRuntime.builder().manualPasses().durableObject("ROOMS", Room::new).build();
        var stub = runtime.namespace("ROOMS").getByName("r");
        var clientEnd = stub.fetch(Request.webSocketUpgrade("http://x/ws")).get(10, TimeUnit.SECONDS)
                .webSocketEnd().orElseThrow();
        var broken = new Client() {
            @Override
            public void send(WebSocketMessage message) {
                if (((WebSocketMessage.Text) message).text().startsWith("stored:")) {
                    throw new IllegalStateException("transport bug");
                }
                super.send(message);
            }
        };
        WebSocketConnection connection = WebSocketPair.couple(clientEnd, broken);
        connection.receive(WebSocketMessage.text("boom"));
        await(() -> broken.closeCode != 0);
        assertEquals(1011, broken.closeCode);
        assertEquals("none", fetch("/read").text(), "the object answers again after its reset");
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(condition::getAsBoolean);
    }
}
