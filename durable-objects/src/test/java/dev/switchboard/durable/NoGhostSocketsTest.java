package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

// A socket accepted by a fetch that then fails, or that is never handed back, leaves the object.
class NoGhostSocketsTest {

    static final class Room implements DurableObject {
        static final List<String> CLOSES = new CopyOnWriteArrayList<>();
        private final DurableObjectState ctx;

        Room(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            switch (request.path()) {
                case "/count" -> {
                    return Response.text(String.valueOf(ctx.getWebSockets().size()));
                }
                case "/accept-then-fail" -> {
                    var pair = new WebSocketPair();
                    ctx.acceptWebSocket(pair.server());
                    throw new IllegalArgumentException("user name too long");
                }
                case "/accept-then-refuse" -> {
                    var pair = new WebSocketPair();
                    ctx.acceptWebSocket(pair.server());
                    return Response.text(400, "refused after accepting");
                }
                default -> {
                    var pair = new WebSocketPair();
                    ctx.acceptWebSocket(pair.server());
                    return Response.webSocket(pair.client());
                }
            }
        }

        @Override
        public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
            CLOSES.add(code + " " + wasClean);
        }
    }

    @Test
    void aSocketAcceptedByAFailingFetchClosesAsVanishedAndIsNeverListed() {
        Room.CLOSES.clear();
        try (var kit = DurableObjectTestKit.builder().durableObject("ROOMS", Room::new).build()) {
            kit.connect("ROOMS", "r", "http://do/ws");
            assertThrows(RuntimeException.class, () -> kit.fetch("ROOMS", "r", Request.get("http://do/accept-then-fail")));
            kit.fetch("ROOMS", "r", Request.get("http://do/accept-then-refuse"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Room.CLOSES.size() == 2);
            assertEquals(List.of("1006 false", "1006 false"), Room.CLOSES);
            assertEquals("1", kit.fetch("ROOMS", "r", Request.get("http://do/count")).text(),
                    "only the socket that really connected is listed");
        }
    }
}
