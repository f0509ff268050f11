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
import java.util.stream.Collectors;

/**
 * A chat room that hibernates between messages and forgets nothing. Text frames:
 * <pre>
 *   on connect           to the newcomer ← "here: ann, bob, cy"  (everyone, sorted by name)
 *                        then to all      ← "cy joined"
 *   → "hi"               to all ← "#1 ann: hi"   (lines numbered from 1, per room)
 *   on close             to the others ← "ann left"
 * </pre>
 * It works, until the room hibernates: then the runtime drops this instance, keeps the sockets,
 * and builds a new instance for the next message. Every field below starts empty again.
 */
public final class ChatRoom implements DurableObject {

    /** What each socket could carry through hibernation. A record, so Jackson can write and read it. */
    public record Member(String user) {
    }

    private final DurableObjectState ctx;
    // TODO 1: names kept here are lost when the room hibernates. Keep each name with its socket
    //         instead: ws.serializeAttachment(new Member(user)) after accepting it, and read it back
    //         with ws.deserializeAttachment(Member.class). Then delete this map.
    private final Map<WebSocket, String> names = new HashMap<>();
    // TODO 2: the counter starts at 0 in every new instance. Keep it in storage:
    //         ctx.storage().get("lines", Long.class) and ctx.storage().put("lines", n).
    private long lines;

    public ChatRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        String user = request.query("user").orElse("?").strip();
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        names.put(pair.server(), user);
        String here = ctx.getWebSockets().stream().map(this::nameOf).sorted().collect(Collectors.joining(", "));
        pair.server().send("here: " + here);
        broadcast(user + " joined");
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        if (message instanceof WebSocketMessage.Text text) {
            lines++;
            broadcast("#" + lines + " " + nameOf(ws) + ": " + text.text());
        }
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        broadcast(nameOf(ws) + " left");
    }

    private String nameOf(WebSocket ws) {
        return names.getOrDefault(ws, "?");
    }

    private void broadcast(String line) {
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(line);
        }
    }
}
