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
 * A live score feed: every message (a score update such as {@code "ann 3 - 2 bob"}) goes to every
 * socket of the game through {@link Fanout}, which skips readers that fall behind. The text
 * {@code ping} is a heartbeat, answered {@code pong}.
 */
public final class ScoreRoom implements DurableObject {

    private final DurableObjectState ctx;

    public ScoreRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
        // TODO 1: answer the heartbeat "ping" with "pong" without waking the room when it hibernates:
        //         ctx.setWebSocketAutoResponse(request, response). Today "ping" is broadcast like a score.
    }

    @Override
    public Response fetch(Request request) {
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        Fanout.send(ctx.getWebSockets(), message);
    }
}
