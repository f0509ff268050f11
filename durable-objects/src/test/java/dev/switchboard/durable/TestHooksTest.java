package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Hooks for testing objects: code run inside an object's turn, and chaos hibernation.
class TestHooksTest {

    /** Counts members in a field: state that hibernation loses. */
    static final class FieldRoom implements DurableObject {
        private final DurableObjectState ctx;
        private int members;

        FieldRoom(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            var pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            members++;
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            ws.send("field says " + members + ", sockets say " + ctx.getWebSockets().size());
        }
    }

    @Test
    void chaosHibernationExposesStateKeptOnlyInFields() {
        try (var calm = DurableObjectTestKit.builder().durableObject("ROOMS", FieldRoom::new).build();
             var chaos = DurableObjectTestKit.builder().chaosHibernation(true)
                     .durableObject("ROOMS", FieldRoom::new).build()) {
            for (var kit : new DurableObjectTestKit[] {calm, chaos}) {
                var ann = kit.connect("ROOMS", "r", "http://do/ws");
                kit.connect("ROOMS", "r", "http://do/ws");
                ann.send("count");
                String answer = ann.receiveText(Duration.ofSeconds(10));
                if (kit == calm) {
                    assertEquals("field says 2, sockets say 2", answer);
                } else {
                    assertEquals("field says 0, sockets say 2", answer, "chaos rebuilt the room before each event");
                    // The answer leaves during the turn; the hibernation follows when the turn ends.
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                            .until(() -> kit.state("ROOMS", "r") == ObjectState.HIBERNATED);
                }
            }
        }
    }

    @Test
    void runInDurableObjectRunsAsATurnWithTheInstanceAndItsStorage() throws Exception {
        try (var kit = DurableObjectTestKit.builder().durableObject("ROOMS", FieldRoom::new).build()) {
            var stub = kit.stub("ROOMS", "r");
            kit.connect("ROOMS", "r", "http://do/ws");
            int members = kit.runtime().runInDurableObject(stub, FieldRoom.class, (room, state) -> {
                state.storage().put("seen", room.members);
                return room.members;
            }).get(10, TimeUnit.SECONDS);
            assertEquals(1, members);
            assertEquals(1, kit.runtime().runInDurableObject(stub, FieldRoom.class,
                    (room, state) -> state.storage().get("seen", Integer.class).orElseThrow()).get(10, TimeUnit.SECONDS));

            int viaKit = kit.runInDurableObject("ROOMS", "r", FieldRoom.class, (room, state) -> room.members);
            assertEquals(1, viaKit);
            var wrongClass = assertThrows(ExecutionException.class, () -> kit.runtime().runInDurableObject(stub,
                    ChaosFree.class, (room, state) -> null).get(10, TimeUnit.SECONDS));
            assertTrue(assertInstanceOf(DurableObjectException.class, wrongClass.getCause()).getMessage()
                    .contains("not a " + ChaosFree.class.getName()));
        }
    }

    /** Another class, to ask runInDurableObject for the wrong one. */
    static final class ChaosFree implements DurableObject {
        @Override
        public Response fetch(Request request) {
            return Response.text("");
        }
    }
}
