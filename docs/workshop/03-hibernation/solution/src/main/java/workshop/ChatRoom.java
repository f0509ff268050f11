package workshop;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.util.stream.Collectors;

/**
 * A chat room that hibernates between messages and forgets nothing. Text frames:
 * <pre>
 *   on connect           to the newcomer ← "here: ann, bob, cy"  (everyone, sorted by name)
 *                        then to all      ← "cy joined"
 *   → "hi"               to all ← "#1 ann: hi"   (lines numbered from 1, per room)
 *   on close             to the others ← "ann left"
 * </pre>
 * Nothing lives in fields: each name travels with its socket as an attachment (S-HIB-2) and the
 * line counter is in storage, so a fresh instance after hibernation (S-HIB-4) carries on.
 */
public final class ChatRoom implements DurableObject {

    /** What each socket carries through hibernation. A record, so Jackson can write and read it. */
    public record Member(String user) {
    }

    private final DurableObjectState ctx;

    public ChatRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        String user = request.query("user").orElse("?").strip();
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        pair.server().serializeAttachment(new Member(user));
        String here = ctx.getWebSockets().stream().map(ChatRoom::nameOf).sorted().collect(Collectors.joining(", "));
        pair.server().send("here: " + here);
        broadcast(user + " joined");
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        if (message instanceof WebSocketMessage.Text text) {
            long line = ctx.storage().get("lines", Long.class).orElse(0L) + 1;
            ctx.storage().put("lines", line);
            broadcast("#" + line + " " + nameOf(ws) + ": " + text.text());
        }
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        broadcast(nameOf(ws) + " left");
    }

    private static String nameOf(WebSocket ws) {
        return ws.deserializeAttachment(Member.class).map(Member::user).orElse("?");
    }

    private void broadcast(String line) {
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(line);
        }
    }
}
