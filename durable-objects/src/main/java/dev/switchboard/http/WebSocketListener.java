package dev.switchboard.http;

/**
 * Receives the events of a socket accepted with {@link WebSocket#accept(WebSocketListener)}.
 *
 * <p>Inside a Durable Object each call is a turn of that object; elsewhere calls arrive on the
 * thread that delivered the event, one at a time per socket.
 */
public interface WebSocketListener {

    /** Called with each whole message, in arrival order. */
    default void onMessage(WebSocket ws, WebSocketMessage message) {
    }

    /** Called once when the other side closed; {@code wasClean} is false when it vanished (1006). */
    default void onClose(WebSocket ws, int code, String reason, boolean wasClean) {
    }

    /** Called once when the connection failed with {@code error}; no close call follows. */
    default void onError(WebSocket ws, Throwable error) {
    }
}
