package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.internal.PairedWebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sockets an object accepted with {@code ctx.acceptWebSocket}, their tags, and the
 * auto-response: everything that outlives the instance when it hibernates (S-HIB-1, S-HIB-3).
 *
 * <p>Threads: accepted in turns, removed from any thread when a socket closes, read by the admin
 * snapshot; a lock keeps it simple and the critical sections are short.
 */
final class SocketTable {

    static final int MAX_SOCKETS = 32_768;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG_LENGTH = 256;
    static final int MAX_AUTO_RESPONSE_BYTES = 2_048;

    private final Map<PairedWebSocket, Entry> sockets = new LinkedHashMap<>();
    private volatile WebSocketMessage.Text autoRequest;
    private volatile WebSocketMessage.Text autoResponse;

    /** One accepted socket: its tags and the last auto-response time. */
    static final class Entry {
        final List<String> tags;
        volatile Instant autoResponseAt;

        Entry(List<String> tags) {
            this.tags = tags;
        }
    }

    /** Adds {@code ws} with {@code tags}; the caller attaches its inbox. */
    void add(PairedWebSocket ws, String... tags) {
        var distinct = new LinkedHashSet<String>();
        for (String tag : tags) {
            if (tag == null) {
                throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                        "acceptWebSocket: a tag is null; tags are non-empty strings");
            }
            if (tag.length() > MAX_TAG_LENGTH) {
                throw new DurableObjectException(DurableObjectException.Code.LIMIT_EXCEEDED,
                        "acceptWebSocket: a tag is " + tag.length() + " characters; the limit is " + MAX_TAG_LENGTH);
            }
            distinct.add(tag);
        }
        if (distinct.size() > MAX_TAGS) {
            throw new DurableObjectException(DurableObjectException.Code.LIMIT_EXCEEDED,
                    "acceptWebSocket: " + distinct.size() + " tags; the limit is " + MAX_TAGS + " per socket");
        }
        synchronized (this) {
            if (sockets.size() >= MAX_SOCKETS) {
                throw new DurableObjectException(DurableObjectException.Code.LIMIT_EXCEEDED,
                        "acceptWebSocket: this object already holds " + MAX_SOCKETS
                                + " sockets, the limit; spread clients over more objects");
            }
            sockets.put(ws, new Entry(List.copyOf(distinct)));
        }
    }

    synchronized void remove(PairedWebSocket ws) {
        sockets.remove(ws);
    }

    synchronized boolean isEmpty() {
        return sockets.isEmpty();
    }

    synchronized int size() {
        return sockets.size();
    }

    synchronized List<WebSocket> all() {
        return new ArrayList<>(sockets.keySet());
    }

    synchronized List<WebSocket> tagged(String tag) {
        var result = new ArrayList<WebSocket>();
        sockets.forEach((ws, entry) -> {
            if (entry.tags.contains(tag)) {
                result.add(ws);
            }
        });
        return result;
    }

    synchronized List<String> tags(WebSocket ws) {
        Entry entry = sockets.get(ws);
        return entry == null ? List.of() : entry.tags;
    }

    /** Returns a copy of the sockets with their tags and auto-response times, for snapshots. */
    synchronized Map<PairedWebSocket, Entry> entries() {
        return new LinkedHashMap<>(sockets);
    }

    synchronized Optional<Instant> autoResponseAt(WebSocket ws) {
        Entry entry = sockets.get(ws);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.autoResponseAt);
    }

    void setAutoResponse(String request, String response) {
        if (request == null) {
            autoRequest = null;
            autoResponse = null;
            return;
        }
        var req = WebSocketMessage.text(request);
        var res = WebSocketMessage.text(response);
        if (req.size() > MAX_AUTO_RESPONSE_BYTES || res.size() > MAX_AUTO_RESPONSE_BYTES || req.size() == 0) {
            throw new DurableObjectException(DurableObjectException.Code.LIMIT_EXCEEDED,
                    "setWebSocketAutoResponse: request and response must be 1-" + MAX_AUTO_RESPONSE_BYTES
                            + " bytes each, got " + req.size() + " and " + res.size());
        }
        autoResponse = null;
        autoRequest = req;
        autoResponse = res;
    }

    /**
     * Answers {@code message} on {@code ws} if it equals the auto-response request; returns whether it
     * did. Runs on the delivering thread and never wakes the object (S-HIB-6).
     */
    boolean autoRespond(PairedWebSocket ws, WebSocketMessage message, Instant now) {
        WebSocketMessage.Text request = autoRequest;
        WebSocketMessage.Text response = autoResponse;
        if (request == null || response == null || !(message instanceof WebSocketMessage.Text text)
                || !text.text().equals(request.text())) {
            return false;
        }
        ws.send(response);
        Entry entry;
        synchronized (this) {
            entry = sockets.get(ws);
        }
        if (entry != null) {
            entry.autoResponseAt = now;
        }
        return true;
    }

    /** Closes every socket for the runtime with {@code code}. */
    void closeAll(int code, String reason) {
        for (WebSocket ws : all()) {
            ((PairedWebSocket) ws).closeByRuntime(code, reason);
        }
    }
}
