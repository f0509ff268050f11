package dev.switchboard.durable;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one socket an object holds, for the admin API and tests. Taken without waking the
 * object, so it says what the runtime keeps, not what the instance thinks.
 *
 * @param hibernatable accepted with {@code ctx.acceptWebSocket} (survives hibernation); false for a
 *     socket accepted with {@code ws.accept(listener)} inside the object (pins it in memory)
 * @param tags the tags given to {@code acceptWebSocket}; empty for a standard socket
 * @param attachmentBytes the size of its serialised attachment, 0 when none
 * @param bufferedAmount bytes queued for the client and not yet written
 * @param autoResponseAt when the runtime last answered its auto-response request, or null
 * @param protocol the subprotocol agreed in the handshake, or null
 * @param remoteAddress the client's address as the server saw it, or null when not known (an in-memory client)
 */
public record SocketInfo(boolean hibernatable, List<String> tags, int attachmentBytes, long bufferedAmount,
                         Instant autoResponseAt, String protocol, String remoteAddress) {

    /** Copies {@code tags}. */
    public SocketInfo {
        tags = List.copyOf(tags);
    }
}
