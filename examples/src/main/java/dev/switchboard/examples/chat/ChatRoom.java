package dev.switchboard.examples.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.AlarmHandler;
import dev.switchboard.durable.AlarmInfo;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A chat room: one Durable Object per room name, using the hibernation API so an idle room costs
 * no instance while its members stay connected.
 *
 * <p>Protocol (JSON text frames), the public promise of {@code GET /room/{name}/ws?user={user}}:
 * <pre>
 *   client                                   room
 *     │── upgrade ?user= (empty, > 64 chars) ──►│ 400 {"error":"…"}, no socket
 *     │── upgrade ?user=ann ───────────────────►│ accept, attachment = {user: ann}
 *     │◄── {"type":"history","messages":[…],"users":[…]}  (last 50 lines, ≤ 1 MiB; who is here)
 *     │◄── {"type":"join","user":"ann"}  ──────►│ (to every socket)
 *     │── {"type":"chat","text":"hi"} ─────────►│ store line, then to every socket (sender too):
 *     │◄── {"type":"chat","user":"ann","text":"hi","seq":1}
 *     │── "ping" ──────────────────────────────►│ answered "pong" by the runtime
 *     │── bad JSON, unknown type, text > 64K ──►│
 *     │◄── {"type":"error","message":"…"}       │ socket stays open
 *     │── close ───────────────────────────────►│ {"type":"leave","user":"ann"} to those left
 *     │          … no chat line for CHAT_QUIET_AFTER (default 5m) …
 *     │◄── {"type":"system","text":"the room has been quiet for 5m"}   (alarm, to every socket)
 * </pre>
 * The {@code users} field of the history frame lets a new page show who is already present.
 *
 * <p>Limits, so that no member can break the room for the others: a user name is checked before the
 * socket is accepted ({@link UserName}: 1 to 64 characters, no control characters; otherwise 400
 * with {@code {"error":"…"}} and no socket); a chat text over {@value #MAX_TEXT_BYTES} bytes gets an
 * error frame and is not stored; the history frame holds at most {@value #HISTORY_BYTES} bytes of
 * lines, leaving out the oldest that do not fit.
 *
 * <p>{@code ping} never wakes the room. The constructor registers {@code ping → pong} as the
 * WebSocket auto-response, and the runtime answers it from the socket table: a hibernated
 * room stays hibernated (no constructor, no {@code webSocketMessage}, no new generation), a running
 * room is not interrupted. That is what makes the page's application heartbeat (one {@code ping}
 * every 25 s per tab) free for an idle room. Protocol pings (opcode 9) are lower still: the front
 * door answers them and user code never sees them.
 *
 * <p>The user name lives in the socket's attachment, and the lines in storage under keys
 * {@code msg:0000000000000001}…, so both survive hibernation, which drops the instance and with it
 * every field; no field of this class must outlive an instance. The last line's number is also
 * stored on its own, under {@code seq}: a point read the runtime answers from memory, so the first
 * line after a wake does not read the newest stored line back to learn its number.
 *
 * <p>Each chat line sets the room's alarm to now + {@code CHAT_QUIET_AFTER} (a worker variable:
 * {@code 5m}, {@code 30s}…, {@code 0} or {@code off} to turn it off), replacing the previous line's
 * alarm (an object has at most one). When it fires, the room (woken from hibernation if need be)
 * sends the {@code system} frame once; it is set again only by the next chat line, and removed when
 * the last socket leaves.
 *
 * <p>The object is not told the name it was reached by: {@link ChatWorker} passes the room
 * name in the {@value #ROOM_HEADER} header of the upgrade request.
 */
public final class ChatRoom implements DurableObject, AlarmHandler {

    /** The request header in which the worker passes the room name. */
    public static final String ROOM_HEADER = "x-switchboard-room";
    /** How many chat lines the room keeps and sends as history. */
    public static final int HISTORY = 50;
    /**
     * At most this many bytes of encoded chat lines go into one history frame (1 MiB): the oldest
     * lines that do not fit are left out, so a newcomer's first frame always fits its outbound budget.
     */
    public static final int HISTORY_BYTES = 1 << 20;
    /** A chat line's text may be at most this many UTF-8 bytes (64 KiB); a longer one gets an error frame. */
    public static final int MAX_TEXT_BYTES = 64 << 10;

    private static final String LINE_PREFIX = "msg:";
    /** The key under which the last line's number is kept, next to the lines. */
    private static final String SEQ_KEY = "seq";
    /** This example's own mapper, for frames: a plain one writes records and trees as the protocol shows. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DurableObjectState ctx;
    /** How long the room may be quiet before its alarm says so; null when the notice is off. */
    private final Duration quietAfter;
    /** The last seq used, read from storage on first need after each construction. */
    private long lastSeq = -1;

    /** Creates the room's instance; runs again when a message or the alarm wakes the room from hibernation. */
    public ChatRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
        this.quietAfter = QuietAfter.from(env).orElse(null);
        // Answered by the runtime, without constructing or waking this object.
        ctx.setWebSocketAutoResponse("ping", "pong");
    }

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return Response.text(426, "this is a WebSocket endpoint: connect with a WebSocket client");
        }
        String user = request.query("user").map(String::strip).orElse("");
        // Checked before accepting, so a name the room cannot keep never becomes a socket.
        var refusal = UserName.problem(user);
        if (refusal.isPresent()) {
            return Response.json(400, json(JSON.createObjectNode().put("error", refusal.get())));
        }
        String room = request.headers().get(ROOM_HEADER).orElse("");
        var pair = new WebSocketPair();
        WebSocket ws = pair.server();
        ctx.acceptWebSocket(ws);
        ws.serializeAttachment(new Member(user, room));

        var history = JSON.createObjectNode().put("type", "history");
        history.putPOJO("messages", recentLines());
        history.putPOJO("users", ctx.getWebSockets().stream().map(ChatRoom::userOf).toList());
        ws.send(write(history));
        broadcast(write(frame("join", "user", user)));
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        if (!(message instanceof WebSocketMessage.Text text)) {
            sendError(ws, "binary frames are not understood; send JSON text such as {\"type\":\"chat\",\"text\":\"hi\"}");
            return;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text.text());
        } catch (JsonProcessingException e) {
            sendError(ws, "not valid JSON; send {\"type\":\"chat\",\"text\":\"…\"}");
            return;
        }
        String type = frame != null && frame.path("type").isTextual() ? frame.get("type").asText() : null;
        if (!"chat".equals(type)) {
            sendError(ws, (type == null ? "missing type" : "unknown type \"" + type + "\"")
                    + "; send {\"type\":\"chat\",\"text\":\"…\"}");
            return;
        }
        JsonNode body = frame.get("text");
        if (body == null || !body.isTextual()) {
            sendError(ws, "a chat frame needs a text string: {\"type\":\"chat\",\"text\":\"…\"}");
            return;
        }
        int textBytes = body.asText().getBytes(StandardCharsets.UTF_8).length;
        if (textBytes > MAX_TEXT_BYTES) {
            // Refused rather than stored: fifty lines this size would make every newcomer's history huge.
            sendError(ws, "a chat line's text may be at most " + MAX_TEXT_BYTES + " bytes of UTF-8, this one has "
                    + textBytes + "; send it in several lines");
            return;
        }
        // region history-write
        var line = ChatLine.of(userOf(ws), body.asText(), nextSeq());
        var storage = ctx.storage();
        storage.put(key(line.seq()), line); // msg:0000000000000042 → {"type":"chat",…,"seq":42}
        storage.put(SEQ_KEY, line.seq());
        if (line.seq() > HISTORY) {
            storage.delete(key(line.seq() - HISTORY));
        }
        // endregion history-write
        // region quiet-alarm
        if (quietAfter != null) {
            // Replaces the alarm the previous line set (one alarm per object); stored in the same commit as the line.
            storage.setAlarm(ctx.clock().instant().plus(quietAfter));
        }
        // endregion quiet-alarm
        // Held back until this turn's writes commit, so nobody sees a line a crash could lose; encoded once.
        broadcast(write(line));
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        left(ws);
    }

    @Override
    public void webSocketError(WebSocket ws, Throwable error) {
        left(ws);
    }

    // region alarm
    @Override
    public void alarm(AlarmInfo info) {
        // A turn like any other: a hibernated room is constructed first, its sockets still open. Nothing
        // sets the alarm again until the next chat line, so a quiet room hears this once.
        if (quietAfter != null && !ctx.getWebSockets().isEmpty()) {
            String text = "the room has been quiet for " + QuietAfter.describe(quietAfter);
            broadcast(write(frame("system", "text", text)));
        }
    }
    // endregion alarm

    private void left(WebSocket ws) {
        // ws is already gone from getWebSockets() when this runs, so "everyone left" is exactly that list.
        broadcast(write(frame("leave", "user", userOf(ws))));
        // Nobody is left to tell that the room is quiet. getAlarm() only reads, so a room that never
        // stored anything still gets no database file.
        if (ctx.getWebSockets().isEmpty() && ctx.storage().getAlarm().isPresent()) {
            ctx.storage().deleteAlarm();
        }
    }

    // region history-read
    private List<ChatLine> recentLines() {
        // The newest 50 keys, read newest first, kept while they fit HISTORY_BYTES (lines stored before
        // MAX_TEXT_BYTES existed can be megabytes), then put oldest first for the history frame.
        var options = ListOptions.builder().prefix(LINE_PREFIX).reverse(true).limit(HISTORY).build();
        var lines = new ArrayList<ChatLine>();
        long bytes = 0;
        for (ChatLine line : ctx.storage().list(options, ChatLine.class).values()) {
            bytes += encodedSize(line) + 1; // the comma between lines
            if (bytes > HISTORY_BYTES) {
                break;
            }
            lines.add(line);
        }
        Collections.reverse(lines);
        return lines;
    }

    private static int encodedSize(ChatLine line) {
        return json(line).getBytes(StandardCharsets.UTF_8).length;
    }
    // endregion history-read

    private long nextSeq() {
        if (lastSeq < 0) {
            lastSeq = ctx.storage().get(SEQ_KEY, Long.class).orElseGet(this::newestStoredSeq);
        }
        return ++lastSeq;
    }

    /** The newest stored line's number, for a room whose lines were stored before it kept {@code seq}. */
    private long newestStoredSeq() {
        var options = ListOptions.builder().prefix(LINE_PREFIX).reverse(true).limit(1).build();
        return ctx.storage().list(options, ChatLine.class).values().stream()
                .mapToLong(ChatLine::seq).findFirst().orElse(0);
    }

    private void broadcast(WebSocketMessage message) {
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(message);
        }
    }

    private static void sendError(WebSocket ws, String message) {
        ws.send(write(frame("error", "message", message)));
    }

    private static String userOf(WebSocket ws) {
        return ws.deserializeAttachment(Member.class).map(Member::user).orElse("?");
    }

    // region history-key
    /** Keys sort as numbers because they are zero-padded: storage orders keys by their bytes. */
    private static String key(long seq) {
        String digits = Long.toString(seq); // zero-padded to 16 so keys sort by number; cheaper than String.format
        return LINE_PREFIX + "0".repeat(Math.max(0, 16 - digits.length())) + digits;
    }
    // endregion history-key

    /** Returns {@code {"type":type, field:value}} with its keys in that order. */
    private static JsonNode frame(String type, String field, String value) {
        return JSON.createObjectNode().put("type", type).put(field, value);
    }

    private static WebSocketMessage write(Object frame) {
        return WebSocketMessage.text(json(frame));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chat frame did not serialise: " + e.getOriginalMessage(), e);
        }
    }
}
