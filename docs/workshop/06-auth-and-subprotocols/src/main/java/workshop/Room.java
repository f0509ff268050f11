package workshop;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;

/**
 * A room (complete, nothing to do here) that sends every message to every socket. It trusts the
 * worker: whoever reaches it got past the token check. A request that still carries a token is
 * refused, so a worker that forwards credentials shows up in the tests.
 */
public final class Room implements DurableObject {

    private final DurableObjectState ctx;

    public Room(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        if (request.query("token").isPresent() || request.headers().get("authorization").isPresent()) {
            return Response.text(500, "the room was given the token: the worker must remove it before calling the room");
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
