package workshop;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;

/** A Durable Object that sends every message back to the socket it came from, text as text, binary as binary. */
public final class EchoRoom implements DurableObject {

    private final DurableObjectState ctx;

    public EchoRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        var pair = new WebSocketPair();
        // The room keeps the server end; the runtime delivers its messages to webSocketMessage.
        ctx.acceptWebSocket(pair.server());
        // The client end goes back in the 101: only now does the handshake complete.
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        ws.send(message);
    }
}
