package dev.switchboard.examples.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.http.InMemoryWebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the document page does, in Java, for tests: one edit in flight, the rest queued, and every
 * other client's edit rewritten over ours. Frames are read only when the test says, so a test
 * chooses how edits and deliveries interleave.
 */
final class DocumentClient {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryWebSocket socket;
    private final String me;
    private final long joinedAt;
    private final Deque<Edit> queue = new ArrayDeque<>();
    private long version;
    private String text;
    private Edit inflight;
    private int sent;
    private int edits;

    /** Reads the snapshot the document sends first. */
    DocumentClient(InMemoryWebSocket socket) throws Exception {
        this.socket = socket;
        JsonNode snapshot = next();
        this.me = snapshot.get("client").asText();
        this.version = snapshot.get("version").asLong();
        this.joinedAt = version;
        this.text = snapshot.get("text").asText();
    }

    /** Makes {@code edit} here at once, as typing does, and sends it when nothing else is in flight. */
    void edit(Edit edit) {
        text = edit.apply(text);
        if (inflight == null) {
            send(edit);
        } else {
            queue.add(edit);
        }
    }

    /** Reads and applies the next edit frame, waiting for it if need be. */
    void receive() throws Exception {
        JsonNode frame = next();
        if (!frame.get("type").asText().equals("edit")) {
            throw new AssertionError("expected an edit frame, got " + frame);
        }
        edits++;
        version = frame.get("version").asLong();
        if (frame.get("client").asText().equals(me)) {
            inflight = null;
            if (!queue.isEmpty()) {
                send(queue.poll());
            }
            return;
        }
        Edit theirs = frame.get("kind").asText().equals("insert")
                ? new Insert(frame.get("pos").asInt(), frame.get("text").asText())
                : new Delete(frame.get("pos").asInt(), frame.get("length").asInt());
        List<Edit> mine = new ArrayList<>();
        if (inflight != null) {
            mine.add(inflight);
        }
        mine.addAll(queue);
        List<Edit> rewritten = new ArrayList<>();
        for (Edit own : mine) {
            rewritten.add(own.transform(theirs, true));
            theirs = theirs.transform(own, false);
        }
        if (inflight != null) {
            inflight = rewritten.remove(0);
        }
        queue.clear();
        queue.addAll(rewritten);
        text = theirs.apply(text);
    }

    String text() {
        return text;
    }

    /** How many edits this client has sent over the socket. */
    int sent() {
        return sent;
    }

    /** How many edit frames this client has read, counting those before it joined as read. */
    long received() {
        return joinedAt + edits;
    }

    boolean settled() {
        return inflight == null && queue.isEmpty();
    }

    private void send(Edit edit) {
        inflight = edit;
        sent++;
        ObjectNode frame = JSON.createObjectNode().put("base", version).put("pos", edit.pos());
        if (edit instanceof Insert insert) {
            frame.put("type", "insert").put("text", insert.text());
        } else {
            frame.put("type", "delete").put("length", ((Delete) edit).length());
        }
        socket.send(frame.toString());
    }

    private JsonNode next() throws Exception {
        return JSON.readTree(socket.receiveText(WAIT));
    }
}
