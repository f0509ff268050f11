package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.durable.testing.Rooms;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// Turns: one instance per id, one event at a time, arrival order (S-TURN).
class TurnsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Counts turns and fails loudly if two ever overlap. */
    static final class Exclusive implements DurableObject {
        static final AtomicInteger constructed = new AtomicInteger();
        private final AtomicBoolean inTurn = new AtomicBoolean();
        private final DurableObjectState ctx;
        final AtomicInteger overlaps;
        final Map<String, List<Integer>> seenBySocket = new ConcurrentHashMap<>();
        int count;

        Exclusive(DurableObjectState ctx, AtomicInteger overlaps) {
            this.ctx = ctx;
            this.overlaps = overlaps;
            constructed.incrementAndGet();
        }

        @Override
        public Response fetch(Request request) {
            enter();
            try {
                if (request.isWebSocketUpgrade()) {
                    var pair = new WebSocketPair();
                    ctx.acceptWebSocket(pair.server());
                    pair.server().serializeAttachment(request.query("socket").orElseThrow());
                    return Response.webSocket(pair.client());
                }
                count++;
                return Response.text(Integer.toString(count));
            } finally {
                exit();
            }
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            enter();
            try {
                String socket = ws.deserializeAttachment(String.class).orElseThrow();
                int n = Integer.parseInt(((WebSocketMessage.Text) message).text());
                seenBySocket.computeIfAbsent(socket, k -> new CopyOnWriteArrayList<>()).add(n);
                count++;
                if (n == 49) {
                    ws.send("done " + count);
                }
            } finally {
                exit();
            }
        }

        private void enter() {
            if (!inTurn.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
        }

        private void exit() {
            inTurn.set(false);
        }
    }

    @Test
    void fiftyConcurrentFirstRequestsConstructOneInstance() throws Exception {
        // S-TURN-1
        var constructions = new AtomicInteger();
        try (var kit = DurableObjectTestKit.builder().durableObject("COUNTERS", (ctx, env) -> {
            constructions.incrementAndGet();
            return new Exclusive(ctx, new AtomicInteger());
        }).build()) {
            var pool = Executors.newFixedThreadPool(50);
            var start = new CountDownLatch(1);
            var futures = new ArrayList<CompletableFuture<Response>>();
            for (int i = 0; i < 50; i++) {
                var f = new CompletableFuture<Response>();
                futures.add(f);
                pool.execute(() -> {
                    try {
                        start.await();
                        f.complete(kit.stub("COUNTERS", "new-id").fetch(Request.get("http://do/inc")).get());
                    } catch (Exception e) {
                        f.completeExceptionally(e);
                    }
                });
            }
            start.countDown();
            var values = new ArrayList<Integer>();
            for (var f : futures) {
                values.add(Integer.parseInt(f.get(10, TimeUnit.SECONDS).text()));
            }
            pool.shutdown();
            assertEquals(1, constructions.get(), "one instance for one id");
            values.sort(Integer::compare);
            assertEquals(50, values.get(49));
            assertEquals(1, values.get(0));
            assertEquals(50, values.stream().distinct().count(), "each request saw its own turn");
        }
    }

    @Test
    void turnsNeverOverlapUnderAThousandMessagesFromTwentySockets() throws Exception {
        // S-TURN-2: no overlap, and frames of one socket arrive in order
        var overlaps = new AtomicInteger();
        var instance = new CompletableFuture<Exclusive>();
        try (var kit = DurableObjectTestKit.builder().durableObject("ROOMS", (ctx, env) -> {
            var room = new Exclusive(ctx, overlaps);
            instance.complete(room);
            return room;
        }).build()) {
            var sockets = new ArrayList<InMemoryWebSocket>();
            for (int s = 0; s < 20; s++) {
                sockets.add(kit.connect("ROOMS", "hot", "http://do/ws?socket=s" + s));
            }
            var pool = Executors.newFixedThreadPool(20);
            var start = new CountDownLatch(1);
            for (InMemoryWebSocket socket : sockets) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 50; i++) {
                        socket.send(Integer.toString(i));
                    }
                });
            }
            start.countDown();
            for (InMemoryWebSocket socket : sockets) {
                assertTrue(socket.receiveText(WAIT).startsWith("done "));
            }
            pool.shutdown();
            Exclusive room = instance.get(1, TimeUnit.SECONDS);
            assertEquals(0, overlaps.get(), "turns overlapped");
            assertEquals(1000, room.count, "every message delivered once");
            assertEquals(1000, room.seenBySocket.values().stream().mapToInt(List::size).sum());
            var inOrder = new ArrayList<Integer>();
            for (int i = 0; i < 50; i++) {
                inOrder.add(i);
            }
            room.seenBySocket.forEach((socket, seen) -> assertEquals(inOrder, seen, "order of " + socket));
        }
    }

    @Test
    void fetchWaitsUntilConstructorFinishes() throws Exception {
        // S-TURN-3: the constructor is the first turn
        var release = new CountDownLatch(1);
        var order = new CopyOnWriteArrayList<String>();
        try (var kit = DurableObjectTestKit.builder().durableObject("SLOW", (ctx, env) -> {
            order.add("constructor started");
            release.await(10, TimeUnit.SECONDS);
            order.add("constructor finished");
            return request -> {
                order.add("fetch");
                return Response.text("ok");
            };
        }).build()) {
            var first = kit.stub("SLOW", "x").fetch(Request.get("http://do/1"));
            var second = kit.stub("SLOW", "x").fetch(Request.get("http://do/2"));
            assertFalse(first.isDone());
            assertFalse(second.isDone());
            release.countDown();
            assertEquals("ok", first.get(10, TimeUnit.SECONDS).text());
            assertEquals("ok", second.get(10, TimeUnit.SECONDS).text());
            assertEquals(List.of("constructor started", "constructor finished", "fetch", "fetch"), order);
        }
    }

    @Test
    void handlerThatThrowsGivesTheCallerTheErrorAndKeepsTheInstance() throws Exception {
        // S-TURN-6
        try (var kit = DurableObjectTestKit.builder().durableObject("FLAKY", (ctx, env) -> new DurableObject() {
            int calls;

            @Override
            public Response fetch(Request request) {
                calls++;
                if (request.path().equals("/boom")) {
                    throw new IllegalStateException("boom");
                }
                return Response.text("calls=" + calls);
            }
        }).build()) {
            assertEquals("calls=1", kit.fetch("FLAKY", "a", Request.get("http://do/ok")).text());
            var failure = assertThrows(ExecutionException.class,
                    () -> kit.stub("FLAKY", "a").fetch(Request.get("http://do/boom")).get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failure.getCause());
            assertEquals("calls=3", kit.fetch("FLAKY", "a", Request.get("http://do/ok")).text());
            assertEquals(1, kit.generation("FLAKY", "a"), "not reset");
        }
    }

    @Test
    void callCycleFailsFastNamingTheCycle() throws Exception {
        // S-TURN-4: A → B → A fails fast instead of hanging
        try (var kit = DurableObjectTestKit.builder().durableObject("NODES", (ctx, env) -> request -> {
            var next = request.query("next");
            if (next.isEmpty()) {
                return Response.text("leaf");
            }
            String rest = request.query("then").orElse("");
            try {
                return env.namespace("NODES").getByName(next.get())
                        .fetch(Request.get("http://do/?" + (rest.isEmpty() ? "" : "next=" + rest))).get();
            } catch (ExecutionException e) {
                return Response.text(500, e.getCause().getMessage());
            }
        }).build()) {
            var ok = kit.fetch("NODES", "a", Request.get("http://do/?next=b"));
            assertEquals("leaf", ok.text(), "a chain without a cycle completes");
            var cycle = kit.fetch("NODES", "a", Request.get("http://do/?next=b&then=a"));
            assertEquals(500, cycle.status());
            assertTrue(cycle.text().contains("call cycle NODES:a → NODES:b → NODES:a"), cycle.text());
        }
    }

    @Test
    void blockConcurrencyWhileThatThrowsResetsTheObject() {
        // S-TURN-5
        try (var kit = DurableObjectTestKit.builder().durableObject("INIT", (ctx, env) -> request -> {
            if (request.path().equals("/fail")) {
                ctx.blockConcurrencyWhile(() -> {
                    throw new IllegalStateException("init failed");
                });
            }
            return Response.text("gen " + ctx.generation());
        }).build()) {
            assertEquals("gen 1", kit.fetch("INIT", "x", Request.get("http://do/")).text());
            assertThrows(DurableObjectException.class, () -> kit.fetch("INIT", "x", Request.get("http://do/fail")));
            assertEquals("gen 2", kit.fetch("INIT", "x", Request.get("http://do/")).text());
        }
    }

    @Test
    void objectsAreNotToldTheirNameButIdsKeepIt() {
        // S-ID-2, S-ID-5
        var recorder = new Rooms.Recorder();
        try (var kit = DurableObjectTestKit.builder()
                .durableObject("ROOMS", (ctx, env) -> new Rooms.EchoRoom(ctx, env, recorder)).build()) {
            var ns = kit.env().namespace("ROOMS");
            var id = ns.idFromName("lobby");
            assertEquals(id, ns.idFromName("lobby"));
            assertEquals("lobby", id.name().orElseThrow());
            assertTrue(DurableObjectId.isHex64(id.toString()));
            assertEquals(0, recorder.constructed.get(), "creating ids and stubs constructs nothing (S-ID-4)");
            ns.get(id);
            assertEquals(0, recorder.constructed.get());
        }
    }
}
