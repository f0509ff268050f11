package dev.switchboard.worker.undertow;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket connections of one front door, coupled or still in their handshake, and the cap on
 * them: a handshake that would pass {@code maxConnections} is refused with 503 before the worker
 * sees it.
 *
 * <p>A handshake counts from its admission until its exchange ends, a coupled socket from coupling
 * until its channel closes; both ends are Undertow callbacks that run whatever happens to the
 * client, so nothing leaks a place. The count is exact for handshakes one after another; handshakes
 * admitted on different IO threads at the same instant may pass the cap by at most the number of IO
 * threads. Threads: any.
 */
final class OpenSockets {

    private final int maxConnections;
    private final Set<ChannelTransport> coupled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger handshaking = new AtomicInteger();
    private static final AttachmentKey<AtomicBoolean> HANDSHAKING = AttachmentKey.create(AtomicBoolean.class);

    OpenSockets(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /**
     * Admits the handshake of {@code exchange} if a place is free, counting it until the exchange
     * ends; returns false when the server already holds {@code maxConnections}.
     */
    boolean admit(HttpServerExchange exchange) {
        if (handshaking.incrementAndGet() + coupled.size() > maxConnections) {
            handshaking.decrementAndGet();
            return false;
        }
        var counted = new AtomicBoolean(true);
        exchange.putAttachment(HANDSHAKING, counted);
        exchange.addExchangeCompleteListener((ex, next) -> {
            // The listeners after this one include the connection's, which performs the upgrade and so
            // couples the socket; a handshake that never coupled stops counting here.
            try {
                next.proceed();
            } finally {
                if (counted.compareAndSet(true, false)) {
                    handshaking.decrementAndGet();
                }
            }
        });
        return true;
    }

    /**
     * Counts {@code transport} as coupled and its handshake as done, in that one step: the client has
     * its 101 and may open the next connection at once, which must not find this one counted twice.
     */
    void coupled(HttpServerExchange exchange, ChannelTransport transport) {
        AtomicBoolean counted = exchange.getAttachment(HANDSHAKING);
        if (counted != null && counted.compareAndSet(true, false)) {
            handshaking.decrementAndGet();
        }
        coupled.add(transport);
    }

    /** Returns the cap this front door enforces. */
    int maxConnections() {
        return maxConnections;
    }


    void remove(ChannelTransport transport) {
        coupled.remove(transport);
    }

    /** Returns the coupled sockets: a live view. */
    Set<ChannelTransport> coupled() {
        return coupled;
    }
}
