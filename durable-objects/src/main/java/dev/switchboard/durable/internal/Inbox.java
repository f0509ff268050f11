package dev.switchboard.durable.internal;

import dev.switchboard.http.WebSocketMessage;

/**
 * Where the events arriving at one socket end go: a transport, a listener, or an object's turn
 * queue. Called one event at a time per end, in arrival order.
 */
public interface Inbox {

    /** A whole message arrived at {@code end}. */
    void message(PairedWebSocket end, WebSocketMessage message);

    /** The other side closed; {@code end} is already CLOSED. */
    void close(PairedWebSocket end, int code, String reason, boolean wasClean);

    /** The connection failed; {@code end} is already CLOSED. */
    void error(PairedWebSocket end, Throwable error);
}
