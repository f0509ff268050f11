package workshop;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;

/** A Durable Object that sends every message back to the socket it came from, text as text, binary as binary. */
public final class EchoRoom implements DurableObject {

    private final DurableObjectState ctx;

    public EchoRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        // TODO 3: make a new WebSocketPair, accept its server end with ctx.acceptWebSocket(...),
        //         and return Response.webSocket(...) carrying its client end.
        return Response.text(501, "Not Implemented: EchoRoom does not accept WebSockets yet (TODO 3)");
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        // TODO 4: send the message back on ws. ws.send(message) keeps text as text and binary as binary.
    }
}
