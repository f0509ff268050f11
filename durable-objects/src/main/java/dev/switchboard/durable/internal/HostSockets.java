package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.SocketInfo;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketListener;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.internal.PairedWebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The sockets of one host: those accepted with {@code ctx.acceptWebSocket} (kept in a
 * {@link SocketTable}, they survive hibernation) and those accepted with {@code ws.accept(listener)}
 * inside the object (standard: they pin the instance in memory). Their events become turns of the
 * host, queued straight on its queue: a frame reaches its object without a registry lookup.
 *
 * <p>Threads: sockets are accepted in turns and removed from any thread when they close.
 */
final class HostSockets {

    /** Above these, the sockets feeding the object are paused (issue 9: inbound flow control). */
    static final int PAUSE_EVENTS = 1024;
    static final long PAUSE_BYTES = 16L * 1024 * 1024;
    /** At or below these, paused sockets are read again. */
    static final int RESUME_EVENTS = 256;
    static final long RESUME_BYTES = 4L * 1024 * 1024;

    private final ObjectHost host;
    private final SocketTable table = new SocketTable();
    private final AtomicLong inboundBytes = new AtomicLong();
    private final Set<PairedWebSocket> paused = ConcurrentHashMap.newKeySet();
    private final Set<PairedWebSocket> standard = ConcurrentHashMap.newKeySet();
    private final WebSocketListener hibernatable = new HibernatableListener();
    // One close hook per kind for all the host's sockets, not a lambda per socket.
    private final Consumer<PairedWebSocket> leaveTable = table::remove;
    private final Consumer<PairedWebSocket> leaveStandard = standard::remove;

    HostSockets(ObjectHost host) {
        this.host = host;
    }

    /** Hands {@code ws} to the runtime with {@code tags} (S-HIB-1); called from a turn. */
    void acceptHibernatable(PairedWebSocket ws, String... tags) {
        if (ws.isClientSide() || ws.isAttached()) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "acceptWebSocket needs the server end of a new WebSocketPair, not yet accepted"
                            + (ws.isClientSide() ? " (this is the client end: return it in Response.webSocket)" : ""));
        }
        table.add(ws, tags);
        ws.onClosed(leaveTable);
        noteAccepted(ws);
        ws.attach(hibernatable);
        if (ws.readyState() != WebSocket.ReadyState.OPEN) {
            table.remove(ws);
        }
    }

    /** Returns where the events of a socket accepted with the standard API inside the object go. */
    WebSocketListener adoptStandard(PairedWebSocket ws, WebSocketListener listener) {
        standard.add(ws);
        ws.onClosed(leaveStandard);
        noteAccepted(ws);
        return new WebSocketListener() {
            @Override
            public void onMessage(WebSocket end, WebSocketMessage message) {
                inbound((PairedWebSocket) end, message, "onMessage", o -> listener.onMessage(end, message));
            }

            @Override
            public void onClose(WebSocket end, int code, String reason, boolean wasClean) {
                turn("onClose", () -> listener.onClose(end, code, reason, wasClean));
            }

            @Override
            public void onError(WebSocket end, Throwable error) {
                turn("onError", () -> listener.onError(end, error));
            }
        };
    }

    private void noteAccepted(PairedWebSocket ws) {
        Turn turn = Turn.currentOf(host);
        if (turn != null) {
            turn.accepted(ws);
        }
    }

    /** The body of a socket event's turn. */
    @FunctionalInterface
    private interface Event {
        void run() throws Exception;
    }

    private void turn(String handler, Event event) {
        host.submitOrReroute(h -> h.runTurn(handler, CallChain.EMPTY, true, o -> {
            event.run();
            return null;
        }, null));
    }

    /** A message handler's body. */
    @FunctionalInterface
    private interface Delivery {
        void deliver(dev.switchboard.durable.DurableObject instance) throws Exception;
    }

    /**
     * Queues a received message as a turn. While more than {@link #PAUSE_EVENTS} events or
     * {@link #PAUSE_BYTES} bytes wait, the socket it came from stops being read, so a client that
     * sends faster than the object handles slows down over TCP instead of growing the heap; paused
     * sockets are read again once the object caught up.
     */
    private void inbound(PairedWebSocket end, WebSocketMessage message, String handler, Delivery delivery) {
        // Characters stand in for bytes: counting UTF-8 bytes would encode every received text once more.
        long size = message instanceof WebSocketMessage.Text text ? text.text().length() : message.size();
        inboundBytes.addAndGet(size);
        host.submitOrReroute(h -> {
            inboundBytes.addAndGet(-size);
            try {
                h.runTurn(handler, CallChain.EMPTY, true, o -> {
                    delivery.deliver(o);
                    return null;
                }, null);
            } finally {
                resumeIfCaughtUp(h);
            }
        });
        if (host.queued() > PAUSE_EVENTS || inboundBytes.get() > PAUSE_BYTES) {
            // Pausing and resuming hand work to the socket's IO thread; under one lock, the order in
            // which those tasks run there is the order of the decisions, so a resume decided just
            // before never lands after the pause it should have undone.
            synchronized (paused) {
                if (!paused.add(end)) {
                    return;
                }
                end.readingPaused(true);
            }
            host.registry().flowControlPaused();
            // The object may have drained its whole queue between the check above and the pause, and
            // then no message turn is left to resume the socket: one more check, queued after the pause.
            host.submitOrReroute(this::resumeIfCaughtUp);
        }
    }

    private void resumeIfCaughtUp(ObjectHost h) {
        if (!paused.isEmpty() && h.queued() <= RESUME_EVENTS && inboundBytes.get() <= RESUME_BYTES) {
            resumeAll();
        }
    }

    private void resumeAll() {
        synchronized (paused) {
            for (PairedWebSocket end : List.copyOf(paused)) {
                paused.remove(end);
                end.readingPaused(false);
            }
        }
    }

    /** Delivers hibernatable socket events as turns; the auto-response never wakes the object (S-HIB-6). */
    private final class HibernatableListener implements WebSocketListener {
        @Override
        public void onMessage(WebSocket end, WebSocketMessage message) {
            if (table.autoRespond((PairedWebSocket) end, message, host.registry().now())) {
                return;
            }
            inbound((PairedWebSocket) end, message, "webSocketMessage", o -> o.webSocketMessage(end, message));
        }

        @Override
        public void onClose(WebSocket end, int code, String reason, boolean wasClean) {
            host.submitOrReroute(h -> h.runTurn("webSocketClose", CallChain.EMPTY, true, o -> {
                o.webSocketClose(end, code, reason, wasClean);
                return null;
            }, null));
        }

        @Override
        public void onError(WebSocket end, Throwable error) {
            host.submitOrReroute(h -> h.runTurn("webSocketError", CallChain.EMPTY, true, o -> {
                o.webSocketError(end, error);
                return null;
            }, null));
        }
    }

    // ---- views ----

    List<WebSocket> all() {
        return table.all();
    }

    List<WebSocket> tagged(String tag) {
        return table.tagged(tag);
    }

    List<String> tags(WebSocket ws) {
        return table.tags(ws);
    }

    void setAutoResponse(String request, String response) {
        table.setAutoResponse(request, response);
    }

    Optional<Instant> autoResponseAt(WebSocket ws) {
        return table.autoResponseAt(ws);
    }

    /** Describes every socket, hibernatable first, from any thread; wakes nothing. */
    List<SocketInfo> describe() {
        var result = new ArrayList<SocketInfo>();
        table.entries().forEach((ws, entry) -> result.add(describe(ws, true, entry.tags, entry.autoResponseAt)));
        for (PairedWebSocket ws : List.copyOf(standard)) {
            result.add(describe(ws, false, List.of(), null));
        }
        return result;
    }

    private static SocketInfo describe(PairedWebSocket ws, boolean hibernatable, List<String> tags, Instant autoResponseAt) {
        byte[] attachment = ws.attachmentBytes();
        return new SocketInfo(hibernatable, tags, attachment == null ? 0 : attachment.length, ws.bufferedAmount(),
                autoResponseAt, ws.protocol().orElse(null), ws.remoteAddress().orElse(null));
    }

    int hibernatableCount() {
        return table.size();
    }

    int standardCount() {
        return standard.size();
    }

    int size() {
        return table.size() + standard.size();
    }

    boolean isEmpty() {
        return table.isEmpty() && standard.isEmpty();
    }

    // ---- closing ----

    /** Closes every socket, hibernatable and standard, for the runtime with {@code code}. */
    void closeAll(int code, String reason) {
        table.closeAll(code, reason);
        closeStandard(code, reason);
    }

    /** Closes the standard sockets for the runtime with {@code code}. */
    void closeStandard(int code, String reason) {
        for (PairedWebSocket ws : List.copyOf(standard)) {
            ws.closeByRuntime(code, reason);
        }
    }
}
