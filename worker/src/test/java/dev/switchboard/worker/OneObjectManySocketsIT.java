package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// Many sockets hammering one object through the front door (S-TURN-2): one instance, one turn at a
// time, each socket's messages handled and acknowledged in order, on whichever thread runs the turn
// (the pool, or the delivering IO thread once the object's turns are short: InlineTurns).
class OneObjectManySocketsIT {

    static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    static final AtomicInteger IN_TURN = new AtomicInteger();
    static final AtomicInteger OVERLAPS = new AtomicInteger();
    static final AtomicInteger OUT_OF_ORDER = new AtomicInteger();
    static final AtomicInteger ON_IO_THREAD = new AtomicInteger();

    /** Checks every message for overlap and order, writes storage, and acknowledges it. */
    static final class Tally implements DurableObject {
        private final DurableObjectState ctx;
        private final Map<String, Integer> lastSeen = new HashMap<>();

        Tally(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
            CONSTRUCTED.incrementAndGet();
        }

        @Override
        public Response fetch(Request request) {
            return accepted(ctx);
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            if (IN_TURN.incrementAndGet() != 1) {
                OVERLAPS.incrementAndGet();
            }
            try {
                if (Thread.currentThread().getName().contains("I/O")) {
                    ON_IO_THREAD.incrementAndGet();
                }
                String[] parts = ((WebSocketMessage.Text) message).text().split(":");
                int seq = Integer.parseInt(parts[1]);
                Integer previous = lastSeen.put(parts[0], seq);
                if (previous != null && previous + 1 != seq) {
                    OUT_OF_ORDER.incrementAndGet();
                }
                ctx.storage().put("last:" + parts[0], seq); // so every ack goes through the output gate (S-STO-4)
                ws.send("ack:" + seq);
            } finally {
                IN_TURN.decrementAndGet();
            }
        }
    }

    private static WorkerServer start() {
        return WorkerServer.builder().port(0).manualPasses()
                .worker((request, env, ctx) -> env.namespace("TALLY").getByName("room").fetch(request).join())
                .durableObject("TALLY", Tally::new).build().start();
    }

    @Test
    void manySocketsHammeringOneObjectGetOneInstanceOneTurnAtATimeAndTheirOrder()
            throws Exception {
        int sockets = 8;
        int messages = 400;
        reset();
        try (var server = start()) {
            var clients = new ArrayList<TestClient>();
            for (int s = 0; s < sockets; s++) {
                clients.add(TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws")));
            }
            var senders = new ArrayList<CompletableFuture<Void>>();
            for (int s = 0; s < sockets; s++) {
                var client = clients.get(s);
                String name = "s" + s;
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < messages; i++) {
                        client.socket.sendText(name + ":" + i, true).join();
                    }
                }));
            }
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (var client : clients) {
                List<Object> acks = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    acks.add(client.next());
                }
                for (int i = 0; i < messages; i++) {
                    assertEquals("ack:" + i, acks.get(i), "acks come back in the order the messages went");
                }
            }
        }
        assertEquals(1, CONSTRUCTED.get(), "one instance");
        assertEquals(0, OVERLAPS.get(), "turns of one object overlapped");
        assertEquals(0, OUT_OF_ORDER.get(), "a socket's messages were handled out of order");
    }

    /** Answers each message with the name of the thread its turn ran on. */
    static final class Where implements DurableObject {
        private final DurableObjectState ctx;

        Where(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            return accepted(ctx);
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            ws.send(Thread.currentThread().getName());
        }
    }

    @Test
    void aSocketWhoseObjectTurnsAreShortIsAnsweredFromTheIoThreadThatReadIt() throws Exception {
        // The first turns run on the pool; once the object's turns were short for a while, the IO thread
        // that read a frame runs its turn itself, and the answer leaves without waking another thread.
        try (var server = WorkerServer.builder().port(0).manualPasses()
                .worker((request, env, ctx) -> env.namespace("WHERE").getByName("w").fetch(request).join())
                .durableObject("WHERE", Where::new).build().start()) {
            var client = TestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
            var threads = new ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                client.socket.sendText("where?", true).join();
                threads.add((String) client.next());
            }
            assertTrue(threads.get(0).startsWith("sb-turn-"), "the first turn runs on the pool: " + threads.get(0));
            assertTrue(threads.stream().anyMatch(t -> t.contains("I/O")), "no turn ran on the IO thread; turns per thread: "
                    + threads.stream().collect(java.util.stream.Collectors.groupingBy(t -> t, java.util.stream.Collectors.counting())));
        }
    }

    /** Accepts a hibernatable socket for the object of {@code ctx}. */
    private static Response accepted(DurableObjectState ctx) {
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        return Response.webSocket(pair.client());
    }

    private static void reset() {
        List.of(CONSTRUCTED, IN_TURN, OVERLAPS, OUT_OF_ORDER, ON_IO_THREAD)
                .forEach(counter -> counter.set(0));
    }
}
