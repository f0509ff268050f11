package workshop;

import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import java.util.List;

/**
 * Sends one message to many sockets, skipping those that are not keeping up. A score feed can
 * afford that: the next update replaces the one a slow reader missed, so holding updates for it
 * would only make its view later, and grow the server's memory (the runtime closes a socket whose
 * buffer passes its budget with 1008, S-WS-8).
 */
public final class Fanout {

    /** A socket with more than this many bytes still waiting to be written is skipped. */
    public static final long MAX_BUFFERED = 64 * 1024;

    private Fanout() {
    }

    /** Sends {@code message} to each of {@code sockets} that keeps up; returns how many were skipped. */
    public static int send(List<WebSocket> sockets, WebSocketMessage message) {
        // TODO 2: skip a socket whose ws.bufferedAmount() is over MAX_BUFFERED, and count it.
        for (WebSocket ws : sockets) {
            ws.send(message);
        }
        return 0;
    }
}
