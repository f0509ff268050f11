package dev.switchboard.worker.undertow;

import dev.switchboard.http.WebSocketMessage;
import java.nio.ByteBuffer;

/**
 * One front door's memory of the last message its sockets sent, so that a broadcast copies its
 * payload into direct memory once instead of once per socket.
 *
 * <p>Why: NIO copies every heap buffer into a temporary direct buffer on each write, and when a
 * flush gathers many queued frames its per-thread cache misses and allocates new direct buffers.
 * A broadcast to N sockets paid that copy N times; now it pays it once, on the second delivery.
 * A message sent once (unicast, auto-response) stays on the heap path: a direct buffer per send
 * would cost more than the JDK's copy. Server frames are not masked, so nothing writes into the
 * shared bytes; the copy is read-only to make sure.
 *
 * <p>Threads: shared by every transport of one front door and called from any turn thread. Races
 * only cost a copy (a plain wrap or a new direct copy), never a wrong payload, because each value
 * is immutable once published. One cache per front door: servers in one JVM share nothing.
 */
final class PayloadCache {

    /** Larger payloads stay on the heap: direct memory is freed only by GC and is capped by the heap size. */
    static final int MAX_DIRECT_PAYLOAD = 64 * 1024;

    private volatile WebSocketMessage lastSent;
    private volatile DirectPayload lastDirect;

    /**
     * Returns a fresh view of the payload of {@code message}: the shared direct copy when the same
     * message was just sent to another socket (a broadcast), else a wrap of its array.
     */
    ByteBuffer payload(WebSocketMessage message) {
        DirectPayload last = lastDirect;
        if (last != null && last.message() == message) {
            return last.bytes().duplicate();
        }
        byte[] bytes = message instanceof WebSocketMessage.Text text ? text.utf8()
                : ((WebSocketMessage.Binary) message).data();
        if (lastSent != message || bytes.length > MAX_DIRECT_PAYLOAD) {
            lastSent = message;
            return ByteBuffer.wrap(bytes);
        }
        // The second delivery in a row of one message: copy once, share from now on.
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
        lastDirect = new DirectPayload(message, direct);
        return direct.duplicate();
    }

    /** A message and its payload in direct memory; published whole, so readers see both or neither. */
    private record DirectPayload(WebSocketMessage message, ByteBuffer bytes) {
    }
}
