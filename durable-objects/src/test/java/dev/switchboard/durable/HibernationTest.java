package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.durable.testing.Rooms;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketListener;
import dev.switchboard.http.WebSocketPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Hibernation: the instance goes, the sockets, tags and attachments stay (S-HIB).
class HibernationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Rooms.Recorder recorder = new Rooms.Recorder();
    private final DurableObjectTestKit kit = DurableObjectTestKit.builder()
            .durableObject("ROOMS", (ctx, env) -> new Rooms.EchoRoom(ctx, env, recorder))
            .durableObject("STANDARD", (ctx, env) -> request -> {
                var pair = new WebSocketPair();
                pair.server().accept(new WebSocketListener() { });
                return Response.webSocket(pair.client());
            })
            .build();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void hibernatedRoomKeepsSocketsOpenAndWakesWithANewGeneration() {
        // S-HIB-3, S-HIB-4, S-LIFE-2
        InMemoryWebSocket ann = kit.connect("ROOMS", "lobby", "http://do/ws?user=ann&tag=red");
        InMemoryWebSocket bob = kit.connect("ROOMS", "lobby", "http://do/ws?user=bob&tag=blue");
        ann.send("hi");
        assertEquals("ann:hi:1", ann.receiveText(WAIT));

        assertEquals(1, kit.hibernateIdle());
        assertEquals(ObjectState.HIBERNATED, kit.state("ROOMS", "lobby"));
        assertTrue(ann.readyState() == WebSocket.ReadyState.OPEN && bob.readyState() == WebSocket.ReadyState.OPEN, "clients notice nothing");

        bob.send("back");
        assertEquals("bob:back:2", bob.receiveText(WAIT), "attachment survived; new generation");
        bob.send("tags");
        assertEquals("blue", bob.receiveText(WAIT), "tags survived");
        assertEquals(2, recorder.constructed.get());
        var kinds = kit.events().stream().map(LifecycleEvent::kind).toList();
        assertEquals(List.of(LifecycleEvent.Kind.CREATED, LifecycleEvent.Kind.HIBERNATED, LifecycleEvent.Kind.WOKEN),
                kinds);
    }

    @Test
    void inAServerTheWakeIsToldToListenersAfterTheAnswerToTheMessageThatWokeTheObjectLeft() throws Exception {
        // Listeners (the console, the dashboard, metrics) must not delay that answer. A runtime with
        // background passes is a server's; the passes themselves never run here (the clock stands still).
        try (var server = DurableObjectTestKit.builder()
                .durableObject("ROOMS", (ctx, env) -> new Rooms.EchoRoom(ctx, env, recorder))
                .backgroundPasses(true)
                .build()) {
            InMemoryWebSocket ann = annInAHibernatedRoom(server, "told");
            try (var atWake = WhatTheSocketHeldAtWake.watch(server.runtime(), ann)) {
                ann.send("back");
                assertEquals("ann:back:2", atWake.held().get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void inATestTheWakeIsToldBeforeTheAnswerSoTheTestThatAwaitedTheAnswerFindsIt() throws Exception {
        // Manual passes (the test kits): a test reads events() right after the answer it awaited.
        InMemoryWebSocket ann = annInAHibernatedRoom(kit, "seen");
        try (var atWake = WhatTheSocketHeldAtWake.watch(kit.runtime(), ann)) {
            ann.send("back");
            assertEquals("ann:back:2", ann.receiveText(WAIT));
            assertEquals("nothing yet", atWake.held().getNow("never told"));
        }
    }

    /** Connects ann to room {@code room}, has her first line answered, then hibernates the room. */
    private static InMemoryWebSocket annInAHibernatedRoom(DurableObjectTestKit runtime, String room) {
        InMemoryWebSocket ann = runtime.connect("ROOMS", room, "http://do/ws?user=ann");
        ann.send("hi");
        assertEquals("ann:hi:1", ann.receiveText(WAIT));
        runtime.hibernateIdle();
        return ann;
    }

    /** Takes what {@code socket} has received when a WOKEN is told: the next text, or "nothing yet". */
    private record WhatTheSocketHeldAtWake(CompletableFuture<String> held,
                                           AutoCloseable listening) implements AutoCloseable {

        static WhatTheSocketHeldAtWake watch(DurableObjectRuntime runtime, InMemoryWebSocket socket) {
            var held = new CompletableFuture<String>();
            AutoCloseable listening = runtime.onLifecycle(e -> {
                if (e.kind() == LifecycleEvent.Kind.WOKEN) {
                    try {
                        held.complete(socket.receiveText(Duration.ZERO));
                    } catch (IllegalStateException none) {
                        held.complete("nothing yet");
                    }
                }
            });
            return new WhatTheSocketHeldAtWake(held, listening);
        }

        @Override
        public void close() throws Exception {
            listening.close();
        }
    }

    @Test
    void aCloseThatWakesAHibernatedRoomIsAWakeEvenThoughItsSocketAlreadyLeft() throws Exception {
        // S-HIB-4, S-LIFE-2: the Close is delivered to a new instance, and that instance is a wake
        InMemoryWebSocket ann = kit.connect("ROOMS", "leaving", "http://do/ws?user=ann");
        ann.send("hi");
        assertEquals("ann:hi:1", ann.receiveText(WAIT));
        kit.hibernateIdle();
        assertEquals(ObjectState.HIBERNATED, kit.state("ROOMS", "leaving"));

        ann.close(1000, "bye");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> kit.events().size() >= 3);

        var id = kit.env().namespace("ROOMS").idFromName("leaving");
        var kinds = kit.events().stream().filter(e -> e.id().equals(id)).map(LifecycleEvent::kind).toList();
        assertEquals(List.of(LifecycleEvent.Kind.CREATED, LifecycleEvent.Kind.HIBERNATED, LifecycleEvent.Kind.WOKEN),
                kinds.subList(0, 3));
    }

    @Test
    void messagesKeepTheirOrderAcrossAHibernation() {
        // S-TURN-2 across S-HIB-4: 150 messages, a hibernation in the middle
        InMemoryWebSocket ann = kit.connect("ROOMS", "order", "http://do/ws?user=ann");
        for (int i = 0; i < 75; i++) {
            ann.send("m" + i);
        }
        for (int i = 0; i < 75; i++) {
            assertEquals("ann:m" + i + ":1", ann.receiveText(WAIT));
        }
        kit.hibernateIdle();
        assertEquals(ObjectState.HIBERNATED, kit.state("ROOMS", "order"));
        for (int i = 75; i < 150; i++) {
            ann.send("m" + i);
        }
        for (int i = 75; i < 150; i++) {
            assertEquals("ann:m" + i + ":2", ann.receiveText(WAIT));
        }
    }

    @Test
    void autoResponseAnswersWithoutConstructingTheObject() {
        // S-HIB-6
        InMemoryWebSocket ann = kit.connect("ROOMS", "auto", "http://do/ws?user=ann");
        kit.hibernateIdle();
        int constructed = recorder.constructed.get();
        ann.send("ping");
        assertEquals("pong", ann.receiveText(WAIT));
        assertEquals(constructed, recorder.constructed.get(), "the object stayed hibernated");
        assertEquals(ObjectState.HIBERNATED, kit.state("ROOMS", "auto"));
    }

    @Test
    void idleObjectWithoutSocketsIsEvicted() {
        // S-HIB-5
        kit.fetch("ROOMS", "quiet", Request.get("http://do/"));
        assertEquals(ObjectState.IDLE, kit.state("ROOMS", "quiet"));
        kit.advance(Duration.ofSeconds(9));
        kit.runtime().collectIdle();
        assertEquals(ObjectState.IDLE, kit.state("ROOMS", "quiet"), "not yet idle for 10 s");
        kit.hibernateIdle();
        assertEquals(ObjectState.INACTIVE, kit.state("ROOMS", "quiet"));
        assertTrue(kit.runtime().objects().isEmpty(), "nothing kept in memory");
    }

    @Test
    void standardSocketPinsTheObjectUntilEvictionClosesItWith1001() throws Exception {
        // S-HIB-3, S-HIB-5, S-HIB-7
        Response response = kit.fetch("STANDARD", "s", Request.webSocketUpgrade("http://do/ws"));
        InMemoryWebSocket client = InMemoryWebSocket.couple(java.net.URI.create("http://do/ws"), response.webSocket(), null);
        kit.hibernateIdle();
        var info = kit.runtime().object("STANDARD", kit.env().namespace("STANDARD").idFromName("s")).orElseThrow();
        assertEquals(ObjectState.IDLE, info.state());
        assertFalse(info.notHibernatingBecause().isEmpty());
        assertTrue(info.notHibernatingBecause().get(0).contains("ws.accept()"), info.notHibernatingBecause().toString());
        kit.evictIdle();
        assertEquals(1001, client.closed().get(10, TimeUnit.SECONDS).code());
        assertEquals(ObjectState.INACTIVE, kit.state("STANDARD", "s"));
    }

    @Test
    void closeOfAHibernatedSocketWakesTheObjectAndLeavesTheOthers() {
        // S-WS-6 with S-HIB-4
        InMemoryWebSocket ann = kit.connect("ROOMS", "bye", "http://do/ws?user=ann");
        InMemoryWebSocket bob = kit.connect("ROOMS", "bye", "http://do/ws?user=bob");
        kit.hibernateIdle();
        ann.close(4000, "leaving");
        bob.send("still here");
        assertEquals("bob:still here:2", bob.receiveText(WAIT));
        assertTrue(recorder.calls.contains("close 4000 leaving true open=1"), recorder.calls.toString());
    }
}
