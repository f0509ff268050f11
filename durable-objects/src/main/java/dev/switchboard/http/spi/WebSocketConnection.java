package dev.switchboard.http.spi;

import dev.switchboard.http.WebSocketMessage;

/**
 * What the network side tells the runtime about a coupled connection, returned by
 * {@link dev.switchboard.http.WebSocketPair#couple(dev.switchboard.http.WebSocket, WebSocketTransport)}.
 *
 * <p>For servers and test clients, not applications. Calls for one connection must come one at a
 * time and in arrival order (an IO thread does this naturally); they hand the event over, and run
 * user code on the calling thread only when it is marked by {@link InlineTurns}.
 */
public interface WebSocketConnection {

    /** The peer sent a whole message. */
    void receive(WebSocketMessage message);

    /**
     * The peer sent a Close frame. The runtime answers it at once through
     * {@link WebSocketTransport#close(int, String)} and reports {@code wasClean=true} (S-WS-6).
     */
    void receiveClose(int code, String reason);

    /**
     * The connection ended without a clean closing handshake: the peer vanished (1006) or the
     * server closed it for a protocol or limit violation (1002, 1007, 1008, 1009). Reported with
     * {@code wasClean=false}.
     */
    void disconnected(int code, String reason);

    /** Reading failed with {@code error}; reported through {@code webSocketError} (S-WS-6). */
    void failed(Throwable error);
}
