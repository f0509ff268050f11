package dev.switchboard.examples.echo;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;

/**
 * The latency yardstick: every text or binary message goes back, unchanged, to the socket that sent
 * it and to no other. {@code ping} is answered {@code pong} by auto-response.
 *
 * <p>Kept minimal on purpose, like the broadcast room: no JSON, no storage, no per-socket state, so
 * a round trip measures the runtime and not the room. The received message object itself is sent
 * back, so text stays text and binary stays binary.
 *
 * <p>A request that is not a WebSocket upgrade (the worker sends only {@code /echo/{name}/count})
 * gets the number of open sockets as plain text.
 */
public final class EchoRoom implements DurableObject {

    private final DurableObjectState ctx;

    /** Creates the room's instance; runs again when a message wakes the room from hibernation. */
    public EchoRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
        // Answered by the runtime from the socket table, so a heartbeat never wakes the room.
        ctx.setWebSocketAutoResponse("ping", "pong");
    }

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return Response.text(Integer.toString(ctx.getWebSockets().size()));
        }
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        ws.send(message);
    }
}
