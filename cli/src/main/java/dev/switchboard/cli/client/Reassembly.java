package dev.switchboard.cli.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Joins the fragments of WebSocket messages: the JDK hands a message over in pieces
 * ({@code last=false} until the final one), but a {@link ReconnectingWebSocket.Listener} hears
 * only whole messages.
 *
 * <p>Threads: not thread-safe, and need not be: there is one per connection attempt, and the JDK
 * calls one listener method at a time for a connection. A text and a binary message cannot be
 * interleaved on the wire (RFC 6455 §5.4), so one buffer of each kind is enough.
 */
final class Reassembly {

    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    /** Adds a text fragment; returns the whole message after the {@code last} one, else empty. */
    Optional<String> text(CharSequence fragment, boolean last) {
        text.append(fragment);
        if (!last) {
            return Optional.empty();
        }
        String message = text.toString();
        text.setLength(0);
        return Optional.of(message);
    }

    /** Adds a binary fragment, consuming it; returns the whole message after the {@code last} one, else empty. */
    Optional<byte[]> binary(ByteBuffer fragment, boolean last) {
        // Copied out at once: the JDK may reuse the buffer after this call returns.
        byte[] chunk = new byte[fragment.remaining()];
        fragment.get(chunk);
        binary.writeBytes(chunk);
        if (!last) {
            return Optional.empty();
        }
        byte[] message = binary.toByteArray();
        binary.reset();
        return Optional.of(message);
    }
}
