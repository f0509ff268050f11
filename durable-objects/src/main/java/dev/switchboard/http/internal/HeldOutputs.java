package dev.switchboard.http.internal;

import dev.switchboard.http.WebSocketMessage;
import java.util.Arrays;

/**
 * What a turn sent after it wrote, waiting for the commit (S-STO-4): one flat list per turn, a
 * target and an output per entry, so a broadcast held behind a write costs two array slots per
 * socket and no object per delivery.
 *
 * <p>Threads: used by the thread running the turn only.
 */
public final class HeldOutputs {

    /** A held close: the peer is told with this code and reason. */
    private record Close(int code, String reason) {
    }

    private Object[] entries = new Object[0];
    private int size;

    /** Holds the delivery of {@code message} to {@code target}. */
    public void add(PairedWebSocket target, WebSocketMessage message) {
        append(target, message);
    }

    /** Holds telling {@code target} that its peer closed. */
    public void addClose(PairedWebSocket target, int code, String reason) {
        append(target, new Close(code, reason));
    }

    /** Returns whether nothing is held. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Lets every held output go, in the order they were made, and empties the list. */
    public void release() {
        Object[] held = entries;
        int count = size;
        entries = new Object[0];
        size = 0;
        for (int i = 0; i < count; i += 2) {
            var target = (PairedWebSocket) held[i];
            if (held[i + 1] instanceof WebSocketMessage message) {
                target.receive(message);
            } else {
                var close = (Close) held[i + 1];
                target.closedByPeer(close.code(), close.reason(), true);
            }
        }
    }

    /** Drops every held output: the writes they waited for failed. */
    public void drop() {
        entries = new Object[0];
        size = 0;
    }

    private void append(PairedWebSocket target, Object output) {
        if (size + 2 > entries.length) {
            entries = Arrays.copyOf(entries, Math.max(16, entries.length * 2));
        }
        entries[size++] = target;
        entries[size++] = output;
    }
}
