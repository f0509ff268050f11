package {{package}};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A chat room: one Durable Object per room. JSON text frames:
 * <pre>
 *   on connect  ← {"type":"history","messages":[…],"users":[…]}, then to all {"type":"join","user":…}
 *   → {"type":"chat","text":"hi"}   to all ← {"type":"chat","user":…,"text":"hi","seq":N}
 *   → anything else                 ← {"type":"error","message":…}
 *   on close    to the others ← {"type":"leave","user":…}
 *   → "ping"                        ← "pong", answered without waking the room
 * </pre>
 * Everything the room knows lives in storage and in the sockets' attachments, never in fields, so
 * it keeps working when it hibernates between messages.
 */
public final class ChatRoom implements DurableObject {

    /** How many lines the room keeps and sends as history. */
    static final int HISTORY = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a socket carries through hibernation. */
    public record Member(String user) {
    }

    /** One stored line; stored as the frame clients receive. */
    public record Line(String type, String user, String text, long seq) {
    }

    private final DurableObjectState ctx;

    public ChatRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
        ctx.setWebSocketAutoResponse("ping", "pong");
    }

    @Override
    public Response fetch(Request request) throws Exception {
        String user = request.query("user").map(String::strip).orElse("");
        if (user.isEmpty()) {
            return Response.text(400, "missing user name: connect to /room/{name}/ws?user={name}");
        }
        var pair = new WebSocketPair();
        WebSocket ws = pair.server();
        ctx.acceptWebSocket(ws);
        ws.serializeAttachment(new Member(user));
        var history = JSON.createObjectNode().put("type", "history");
        history.putPOJO("messages", recentLines());
        history.putPOJO("users", ctx.getWebSockets().stream().map(ChatRoom::userOf).toList());
        ws.send(WebSocketMessage.text(JSON.writeValueAsString(history)));
        broadcast(JSON.createObjectNode().put("type", "join").put("user", user));
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) throws Exception {
        JsonNode frame = null;
        if (message instanceof WebSocketMessage.Text text) {
            try {
                frame = JSON.readTree(text.text());
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                frame = null;
            }
        }
        if (frame == null || !"chat".equals(frame.path("type").asText()) || !frame.path("text").isTextual()) {
            var error = JSON.createObjectNode().put("type", "error")
                    .put("message", "send JSON such as {\"type\":\"chat\",\"text\":\"hi\"}");
            ws.send(WebSocketMessage.text(JSON.writeValueAsString(error)));
            return;
        }
        long seq = lastSeq() + 1;
        var line = new Line("chat", userOf(ws), frame.get("text").asText(), seq);
        ctx.storage().put(key(seq), line);
        if (seq > HISTORY) {
            ctx.storage().delete(key(seq - HISTORY));
        }
        broadcast(line);
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) throws Exception {
        broadcast(JSON.createObjectNode().put("type", "leave").put("user", userOf(ws)));
    }

    @Override
    public void webSocketError(WebSocket ws, Throwable error) throws Exception {
        webSocketClose(ws, 1006, "", false);
    }

    private List<Line> recentLines() {
        var options = ListOptions.builder().prefix("msg:").reverse(true).limit(HISTORY).build();
        var lines = new ArrayList<>(ctx.storage().list(options, Line.class).values());
        Collections.reverse(lines);
        return lines;
    }

    private long lastSeq() {
        var options = ListOptions.builder().prefix("msg:").reverse(true).limit(1).build();
        return ctx.storage().list(options, Line.class).values().stream().mapToLong(Line::seq).findFirst().orElse(0);
    }

    private void broadcast(Object frame) throws Exception {
        var message = WebSocketMessage.text(JSON.writeValueAsString(frame));
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(message);
        }
    }

    private static String userOf(WebSocket ws) {
        return ws.deserializeAttachment(Member.class).map(Member::user).orElse("?");
    }

    /** Zero-padded, so keys sort as numbers. */
    private static String key(long seq) {
        return "msg:" + String.format("%016d", seq);
    }
}
