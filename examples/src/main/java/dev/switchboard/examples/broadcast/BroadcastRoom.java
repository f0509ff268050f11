package dev.switchboard.examples.broadcast;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;

/**
 * The benchmark room: every text or binary message from any socket goes, unchanged, to every socket
 * of the room, the sender included. {@code ping} is answered {@code pong} by auto-response.
 *
 * <p>Kept minimal on purpose: no JSON, no storage, no per-socket state. The received message object
 * itself is forwarded, so its payload is encoded once however many sockets get it.
 *
 * <p>A request whose path ends in {@code /count} gets the number of open sockets as plain text.
 */
public final class BroadcastRoom implements DurableObject {

    private final DurableObjectState ctx;

    /** Creates the room's instance; runs again when a message wakes the room from hibernation. */
    public BroadcastRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
        // Answered by the runtime from the socket table, so a heartbeat never wakes the room.
        ctx.setWebSocketAutoResponse("ping", "pong");
    }

    @Override
    public Response fetch(Request request) {
        if (request.path().endsWith("/count")) {
            return Response.text(Integer.toString(ctx.getWebSockets().size()));
        }
        if (!request.isWebSocketUpgrade()) {
            return Response.text(426, "Upgrade Required: this route takes a WebSocket handshake");
        }
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(message);
        }
    }
}
