package dev.switchboard.cli.connect;

import java.io.IOException;

/**
 * One open WebSocket as {@code switchboard connect} drives it: it sends what the user types and
 * reports everything else as {@link Event}s on the queue it was opened with.
 *
 * <p>Threads: the send methods may be called from any one thread at a time; events are posted
 * from the session's own reading thread.
 */
public interface Session extends AutoCloseable {

    /** Sends one text message. */
    void sendText(String text) throws IOException;

    /** Sends a protocol Ping with {@code data} as payload. */
    void sendPing(String data) throws IOException;

    /** Starts the closing handshake; the server's answer arrives as {@link Event.Closed}. */
    void sendClose(int code, String reason) throws IOException;

    /** Drops the connection at once, with no closing handshake. Idempotent. */
    @Override
    void close();
}
