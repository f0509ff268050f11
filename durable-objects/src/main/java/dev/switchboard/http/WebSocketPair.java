package dev.switchboard.http;

import dev.switchboard.http.spi.WebSocketTransport;
import dev.switchboard.http.spi.WebSocketConnection;
import dev.switchboard.http.internal.PairedWebSocket;

/**
 * Two connected WebSocket ends, as {@code new WebSocketPair()} gives in Cloudflare Workers.
 *
 * <p>A Durable Object accepts the {@link #server()} end and returns the {@link #client()} end in
 * {@link Response#webSocket(WebSocket)}; the front door then couples the client end to the real
 * connection (S-WS-1). What one end sends, the other receives.
 */
public final class WebSocketPair {

    private final PairedWebSocket client;
    private final PairedWebSocket server;

    /** Creates a connected pair; both ends are open. */
    public WebSocketPair() {
        var ends = PairedWebSocket.pair();
        this.client = ends[0];
        this.server = ends[1];
    }

    /** Returns the end to hand to the client in a 101 response. */
    public WebSocket client() {
        return client;
    }

    /** Returns the end the object keeps and accepts. */
    public WebSocket server() {
        return server;
    }

    /**
     * Couples {@code clientEnd} to a network connection: what the server end sends goes to
     * {@code transport}, and what the network delivers goes to the returned connection.
     *
     * <p>For servers and test clients. Messages the server end sent before the coupling are
     * delivered to the transport first, in order.
     *
     * @throws IllegalArgumentException if {@code clientEnd} did not come from a {@code WebSocketPair}
     * @throws IllegalStateException if it was already coupled or accepted
     */
    public static WebSocketConnection couple(WebSocket clientEnd, WebSocketTransport transport) {
        if (!(clientEnd instanceof PairedWebSocket end)) {
            throw new IllegalArgumentException("couple() needs the client end of a WebSocketPair, got "
                    + clientEnd.getClass().getName());
        }
        return end.couple(transport);
    }
}
