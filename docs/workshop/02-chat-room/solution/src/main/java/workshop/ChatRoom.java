package workshop;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.util.HashMap;
import java.util.Map;

/**
 * A chat room, one Durable Object per room. Text frames:
 * <pre>
 *   on connect           to all ← "ann joined"
 *   → "hi"               to all ← "ann: hi"   (the sender too)
 *   on close             to the others ← "ann left"
 * </pre>
 */
public final class ChatRoom implements DurableObject {

    private final DurableObjectState ctx;
    // Who is who. A field is enough while the room stays in memory; lab 3 shows why it is not enough.
    private final Map<WebSocket, String> names = new HashMap<>();

    public ChatRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        String user = request.query("user").orElse("?").strip();
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        names.put(pair.server(), user);
        broadcast(user + " joined");
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        if (message instanceof WebSocketMessage.Text text) {
            broadcast(names.get(ws) + ": " + text.text());
        }
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        broadcast(names.remove(ws) + " left");
    }

    /** Sends {@code line} to every socket of this room; the runtime keeps the list, ctx.getWebSockets(). */
    private void broadcast(String line) {
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(line);
        }
    }
}
