package dev.switchboard.examples.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.SqlStorage;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.util.Map;
import java.util.UUID;

/**
 * A text document many people edit at once: one Durable Object per document name, its text and
 * its numbered log of edits in the object's SQL database.
 *
 * <p>Protocol of {@code GET /doc/{name}/ws} (JSON text frames):
 * <pre>
 *   client                                   document
 *     │── upgrade ─────────────────────────────►│ accept, attachment = {client: "3f9c…"}
 *     │◄── {"type":"snapshot","version":7,"text":"…","client":"3f9c…"}
 *     │── {"type":"insert","base":7,"pos":3,"text":"abc"} ─►│
 *     │── {"type":"delete","base":7,"pos":0,"length":2} ───►│
 *     │◄── {"type":"edit","version":8,"client":"…","kind":"insert","pos":3,"text":"abc"}  (to every socket)
 *     │◄── {"type":"edit","version":9,"client":"…","kind":"delete","pos":0,"length":2}
 *     │── a frame that does not fit ───────────►│
 *     │◄── {"type":"error","message":"…"}       │ the edit is dropped; the page reloads the text
 * </pre>
 * {@code base} is the last version the client had seen when it made the edit. Edits that reached
 * the document since then were made without knowing of this one, so the document rewrites it to
 * follow each of them ({@link Edit#transform}) before applying it. That is what lets two people
 * type at once and still end with the same text: a client sends one edit at a time, waits for its
 * own {@code edit} frame back (the same {@code client}), and rewrites its unsent edits over every
 * other {@code edit} frame, the same way. The page does this; so does {@code DocumentClient} in
 * the tests.
 *
 * <p>The document keeps the last {@value #LOG_KEPT} edits; an edit based on an older version gets an
 * error, and its page reloads. Nothing lives in fields, so the document can hibernate between edits.
 */
public final class DocumentRoom implements DurableObject {

    /** How many past edits the document keeps to rewrite late edits over. */
    public static final int LOG_KEPT = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DurableObjectState ctx;
    private final SqlStorage sql;

    /** Creates the document's instance, and its tables if it has none yet. */
    public DocumentRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
        this.sql = ctx.storage().sql();
        // region schema
        sql.exec("CREATE TABLE IF NOT EXISTS document (id INTEGER PRIMARY KEY CHECK (id = 1),"
                + " text TEXT NOT NULL, version INTEGER NOT NULL)");
        sql.exec("CREATE TABLE IF NOT EXISTS edits (version INTEGER PRIMARY KEY, client TEXT NOT NULL,"
                + " kind TEXT NOT NULL, pos INTEGER NOT NULL, text TEXT NOT NULL, length INTEGER NOT NULL)");
        // endregion schema
    }

    /** What a document socket carries: the id its own edits come back with. */
    record Editor(String client) {
    }

    /** The document's text at a version. */
    private record Current(String text, long version) {
    }

    @Override
    public Response fetch(Request request) throws JsonProcessingException {
        Current current = current();
        if (!request.isWebSocketUpgrade()) {
            // GET /doc/{name}/snapshot: the same snapshot a newcomer gets, without a client id.
            return Response.json(JSON.writeValueAsString(snapshot(current)));
        }
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        String client = UUID.randomUUID().toString().substring(0, 8);
        pair.server().serializeAttachment(new Editor(client));
        pair.server().send(write(snapshot(current).put("client", client)));
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        try {
            JsonNode frame = message instanceof WebSocketMessage.Text t ? JSON.readTree(t.text()) : null;
            edit(ws, frame);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? "not valid JSON: " + j.getOriginalMessage() : e.getMessage();
            ws.send(write(JSON.createObjectNode().put("type", "error").put("message", why)));
        }
    }

    // region rewrite
    private void edit(WebSocket ws, JsonNode frame) {
        Edit edit = parse(frame);
        long base = frame.path("base").asLong(-1);
        Current current = current();
        if (base < 0 || base > current.version()) {
            throw new IllegalArgumentException("base " + base + " is not a version of this document (now "
                    + current.version() + "): send the version of the last snapshot or edit you applied");
        }
        if (base < current.version() - LOG_KEPT) {
            throw new IllegalArgumentException("base " + base + " is too old to catch up: reconnect for a fresh snapshot");
        }
        // Every edit since base was made without knowing of this one, and is ahead of it in order.
        for (Map<String, Object> row : sql.exec("SELECT kind, pos, text, length FROM edits WHERE version > ?"
                + " ORDER BY version", base).toList()) {
            edit = edit.transform(stored(row), true);
        }
        String text = edit.apply(current.text());
        long version = current.version() + 1;
        String client = ws.deserializeAttachment(Editor.class).map(Editor::client).orElse("?");
        boolean insert = edit instanceof Insert;
        sql.exec("INSERT INTO edits (version, client, kind, pos, text, length) VALUES (?, ?, ?, ?, ?, ?)",
                version, client, insert ? "insert" : "delete", edit.pos(),
                insert ? ((Insert) edit).text() : "", insert ? 0 : ((Delete) edit).length());
        sql.exec("INSERT INTO document (id, text, version) VALUES (1, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET text = excluded.text, version = excluded.version", text, version);
        sql.exec("DELETE FROM edits WHERE version <= ?", version - LOG_KEPT);
        // An edit swallowed by a concurrent delete is still sent: its sender waits for it as the answer.
        var out = JSON.createObjectNode().put("type", "edit").put("version", version).put("client", client);
        WebSocketMessage sent = write(insert
                ? out.put("kind", "insert").put("pos", edit.pos()).put("text", ((Insert) edit).text())
                : out.put("kind", "delete").put("pos", edit.pos()).put("length", ((Delete) edit).length()));
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(sent);
        }
    }
    // endregion rewrite

    private static Edit parse(JsonNode frame) {
        String type = frame == null ? "" : frame.path("type").asText("");
        JsonNode pos = frame == null ? null : frame.get("pos");
        if (pos == null || !pos.canConvertToInt()) {
            throw new IllegalArgumentException("send {\"type\":\"insert\",\"base\":V,\"pos\":P,\"text\":\"…\"}"
                    + " or {\"type\":\"delete\",\"base\":V,\"pos\":P,\"length\":N}");
        }
        return switch (type) {
            case "insert" -> new Insert(pos.asInt(), frame.path("text").asText(""));
            case "delete" -> {
                int length = frame.path("length").asInt(-1);
                if (length < 0) {
                    throw new IllegalArgumentException("a delete needs a length of 0 or more: {\"type\":\"delete\","
                            + "\"base\":V,\"pos\":P,\"length\":N}");
                }
                yield new Delete(pos.asInt(), length);
            }
            default -> throw new IllegalArgumentException("unknown type \"" + type + "\": send insert or delete");
        };
    }

    private static Edit stored(Map<String, Object> row) {
        int pos = ((Long) row.get("pos")).intValue();
        return row.get("kind").equals("insert")
                ? new Insert(pos, (String) row.get("text"))
                : new Delete(pos, ((Long) row.get("length")).intValue());
    }

    private Current current() {
        var rows = sql.exec("SELECT text, version FROM document WHERE id = 1").toList();
        return rows.isEmpty() ? new Current("", 0)
                : new Current((String) rows.get(0).get("text"), (Long) rows.get(0).get("version"));
    }

    private static ObjectNode snapshot(Current current) {
        return JSON.createObjectNode().put("type", "snapshot").put("version", current.version()).put("text", current.text());
    }

    private static WebSocketMessage write(JsonNode frame) {
        try {
            return WebSocketMessage.text(JSON.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("document frame did not serialise: " + e.getOriginalMessage(), e);
        }
    }
}
