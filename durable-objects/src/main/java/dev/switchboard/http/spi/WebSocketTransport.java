package dev.switchboard.http.spi;

import dev.switchboard.http.WebSocketMessage;
import java.util.Optional;

/**
 * The network side of a coupled client end: what the runtime asks the server to put on the wire.
 *
 * <p>For servers and test clients, not applications: the front door implements this for each
 * upgraded connection and passes it to {@link dev.switchboard.http.WebSocketPair#couple(dev.switchboard.http.WebSocket, WebSocketTransport)}.
 *
 * <p>Threads: calls may come from any thread, including turn threads, and must not block.
 */
public interface WebSocketTransport {

    /** Queues {@code message} for the peer. Must not block; enforce the outbound budget here. */
    void send(WebSocketMessage message);

    /** Sends a Close frame with {@code code} and {@code reason}, then ends the connection. Idempotent. */
    void close(int code, String reason);

    /** Returns bytes queued for the peer and not yet written. */
    long bufferedAmount();

    /**
     * Stops reading from the peer: the object behind this connection has more waiting than its bound.
     * TCP then carries the pressure back to the sending client instead of the heap taking it. Must
     * not block; idempotent. The default does nothing (an in-memory client cannot be slowed).
     */
    default void pauseReading() {
    }

    /** Reads from the peer again after {@link #pauseReading()}. Must not block; idempotent. */
    default void resumeReading() {
    }

    /** Returns the subprotocol agreed in the handshake, or empty. */
    default Optional<String> protocol() {
        return Optional.empty();
    }

    /**
     * Returns the peer's address as the server saw it ({@code host:port}), or empty when there is no
     * network peer. For the admin API; must not block.
     */
    default Optional<String> remoteAddress() {
        return Optional.empty();
    }
}
