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
            // TODO 2: this still echoes, as in lab 1. Send "ann: hi" (the sender's name, a colon, the
            //         text) to every socket of the room, the sender too: broadcast(...) below.
            ws.send(text.text());
        }
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        // TODO 3: tell the others "ann left", and forget the name.
    }

    /** Sends {@code line} to every socket of this room; the runtime keeps the list, ctx.getWebSockets(). */
    private void broadcast(String line) {
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(line);
        }
    }
}
