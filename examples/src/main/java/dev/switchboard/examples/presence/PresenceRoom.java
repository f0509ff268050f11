package dev.switchboard.examples.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Live cursors: everyone on a room's page sees where the others' mouse pointers are.
 *
 * <p>Protocol of {@code GET /presence/{room}/ws?name={name}} (JSON text frames; positions are
 * fractions of the page, 0 to 1, so pages of different sizes agree):
 * <pre>
 *   client                                   room
 *     │── upgrade ?name=ann ───────────────────►│ accept, attachment = {id, name, x, y}
 *     │◄── {"type":"welcome","id":"1a2b…","cursors":[{"type":"cursor",…}, …]}
 *     │── {"type":"move","x":0.25,"y":0.5} ────►│ kept in the attachment; to every other socket:
 *     │                         {"type":"cursor","id":"1a2b…","name":"ann","x":0.25,"y":0.5}
 *     │── close ───────────────────────────────►│ {"type":"gone","id":"1a2b…"} to the others
 * </pre>
 * A frame that is not a move gets {@code {"type":"error","message":"…"}}; the socket stays open.
 *
 * <p>Moves are throttled twice. The page sends at most one every 50 ms, always sending the last
 * one, so a cursor that stops is shown where it stopped. The room passes a socket's moves on at most
 * once every {@link #MIN_GAP} (40 ms, by {@code ctx.clock()}): a page that floods it costs the
 * others nothing. A move held back is still kept in the attachment, so a newcomer's welcome has it.
 *
 * <p>The positions live in the socket attachments, not in fields, so the room hibernates between
 * moves and loses nothing; a room with no one in it keeps nothing at all.
 */
public final class PresenceRoom implements DurableObject {

    /** The shortest time between two moves of one socket that the room passes on. */
    public static final Duration MIN_GAP = Duration.ofMillis(40);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DurableObjectState ctx;

    /** Creates the room's instance; runs again when a move wakes the room from hibernation. */
    public PresenceRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return Response.text(426, "this is a WebSocket endpoint: connect with a WebSocket client");
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        String name = request.query("name").map(String::strip).filter(n -> !n.isEmpty()).orElse(id);
        var welcome = JSON.createObjectNode().put("type", "welcome").put("id", id);
        var cursors = welcome.putArray("cursors");
        for (WebSocket other : ctx.getWebSockets()) {
            visitor(other).filter(Visitor::placed).ifPresent(v -> cursors.add(cursor(v)));
        }
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        // sentAt 0: the first move is always passed on.
        pair.server().serializeAttachment(new Visitor(id, name, null, null, 0));
        pair.server().send(write(welcome));
        return Response.webSocket(pair.client());
    }

    // region throttle
    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        JsonNode frame = null;
        try {
            frame = message instanceof WebSocketMessage.Text text ? JSON.readTree(text.text()) : null;
        } catch (JsonProcessingException e) {
            // answered below like any other frame that is not a move
        }
        var me = visitor(ws).orElse(null);
        if (me == null || frame == null || !frame.path("type").asText("").equals("move")
                || !frame.path("x").isNumber() || !frame.path("y").isNumber()) {
            ws.send(write(JSON.createObjectNode().put("type", "error")
                    .put("message", "send {\"type\":\"move\",\"x\":0.25,\"y\":0.5}, positions from 0 to 1")));
            return;
        }
        long now = ctx.clock().millis();
        boolean passOn = now - me.sentAt() >= MIN_GAP.toMillis();
        var moved = me.movedTo(clamp(frame.get("x").asDouble()), clamp(frame.get("y").asDouble()),
                passOn ? now : me.sentAt());
        ws.serializeAttachment(moved);
        if (passOn) {
            sendToOthers(moved.id(), write(cursor(moved)));
        }
    }
    // endregion throttle

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        gone(ws);
    }

    @Override
    public void webSocketError(WebSocket ws, Throwable error) {
        gone(ws);
    }

    private void gone(WebSocket ws) {
        visitor(ws).ifPresent(v -> sendToOthers(v.id(), write(JSON.createObjectNode().put("type", "gone").put("id", v.id()))));
    }

    /** Sends to every socket but the one of visitor {@code id}, told apart by attachment: that outlives hibernation. */
    private void sendToOthers(String id, WebSocketMessage message) {
        for (WebSocket socket : ctx.getWebSockets()) {
            if (!visitor(socket).map(Visitor::id).orElse("").equals(id)) {
                socket.send(message);
            }
        }
    }

    private static Optional<Visitor> visitor(WebSocket ws) {
        return ws.deserializeAttachment(Visitor.class);
    }

    private static ObjectNode cursor(Visitor v) {
        return JSON.createObjectNode().put("type", "cursor").put("id", v.id()).put("name", v.name())
                .put("x", v.x()).put("y", v.y());
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static WebSocketMessage write(JsonNode frame) {
        try {
            return WebSocketMessage.text(JSON.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("presence frame did not serialise: " + e.getOriginalMessage(), e);
        }
    }
}
