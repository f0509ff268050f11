package dev.switchboard.http.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.storage.ValueCodec;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.spi.WebSocketConnection;
import dev.switchboard.http.WebSocketListener;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.spi.WebSocketTransport;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;

/**
 * One end of a {@link dev.switchboard.http.WebSocketPair}. What one end sends arrives at the other
 * end's listener; events that arrive before a listener is attached wait, in order.
 *
 * <pre>
 *   object ──send──► server end ──► client end ──listener──► transport ──► network
 *   object ◄─turn─── listener ◄── server end ◄──receive── connection ◄── network
 * </pre>
 *
 * <p>Closing is one step per end: an end that closes (application, runtime or network) becomes
 * CLOSED at once and the other end's owner is told; the initiator is not told again.
 */
public final class PairedWebSocket implements WebSocket {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.websocket");
    /** The largest attachment in serialised bytes (S-HIB-2). */
    public static final int MAX_ATTACHMENT_BYTES = 16 * 1024;
    private static final AtomicReferenceFieldUpdater<PairedWebSocket, ReadyState> STATE =
            AtomicReferenceFieldUpdater.newUpdater(PairedWebSocket.class, ReadyState.class, "state");

    private final boolean clientSide;
    private PairedWebSocket peer;
    /** Changed through {@link #STATE}: a plain field saves an object per end of every idle socket. */
    private volatile ReadyState state = ReadyState.OPEN;
    private volatile WebSocketListener listener;
    private ArrayDeque<Consumer<WebSocketListener>> early;
    private volatile WebSocketTransport transport;
    private volatile byte[] attachment;
    private volatile Consumer<PairedWebSocket> onClosed;
    private volatile boolean warnedSendAfterClose;

    private PairedWebSocket(boolean clientSide) {
        this.clientSide = clientSide;
    }

    /** Returns a connected pair: index 0 the client end, 1 the server end. */
    public static PairedWebSocket[] pair() {
        var client = new PairedWebSocket(true);
        var server = new PairedWebSocket(false);
        client.peer = server;
        server.peer = client;
        return new PairedWebSocket[] {client, server};
    }

    // ---- WebSocket API ----

    @Override
    public void send(String text) {
        send(WebSocketMessage.text(text));
    }

    @Override
    public void send(byte[] data) {
        send(WebSocketMessage.binary(data));
    }

    @Override
    public void send(WebSocketMessage message) {
        if (state != ReadyState.OPEN) {
            if (!warnedSendAfterClose) {
                warnedSendAfterClose = true;
                LOG.log(System.Logger.Level.DEBUG, "send on a closed WebSocket ignored (S-WS-7)");
            }
            return;
        }
        OutputGate gate = OutputGate.current();
        if (gate != null) {
            gate.sent();
        }
        if (gate != null && gate.holdsOutput()) {
            gate.hold(peer, message);
        } else {
            peer.receive(message);
        }
    }

    @Override
    public void close(int code, String reason) {
        CloseCodes.checkApplicationClose(code, reason);
        String why = reason == null ? "" : reason;
        if (!markClosed()) {
            return;
        }
        OutputGate gate = OutputGate.current();
        if (gate != null && gate.holdsOutput()) {
            gate.holdClose(peer, code, why);
        } else {
            peer.closedByPeer(code, why, true);
        }
    }

    @Override
    public ReadyState readyState() {
        return state;
    }

    @Override
    public long bufferedAmount() {
        WebSocketTransport t = clientSide ? transport : peer.transport;
        return t == null ? 0 : t.bufferedAmount();
    }

    @Override
    public Optional<String> protocol() {
        WebSocketTransport t = clientSide ? transport : peer.transport;
        return t == null ? Optional.empty() : t.protocol();
    }

    /** Returns the network peer's address when a server coupled this pair, or empty. */
    public Optional<String> remoteAddress() {
        WebSocketTransport t = clientSide ? transport : peer.transport;
        return t == null ? Optional.empty() : t.remoteAddress();
    }

    @Override
    public void serializeAttachment(Object value) {
        if (value == null) {
            attachment = null;
            return;
        }
        byte[] bytes = ValueCodec.encode(value);
        if (bytes.length > MAX_ATTACHMENT_BYTES) {
            throw new DurableObjectException(DurableObjectException.Code.LIMIT_EXCEEDED,
                    "attachment is " + bytes.length + " bytes serialised; the limit is " + MAX_ATTACHMENT_BYTES
                            + " (16 KiB): keep only what identifies the socket and put the rest in storage");
        }
        attachment = bytes;
    }

    @Override
    public <T> Optional<T> deserializeAttachment(Class<T> type) {
        byte[] bytes = attachment;
        return bytes == null ? Optional.empty() : Optional.of(ValueCodec.decode(bytes, type));
    }

    /** Returns the serialised attachment, or null: what a hibernated socket costs besides its channel. */
    public byte[] attachmentBytes() {
        return attachment;
    }

    @Override
    public void accept(WebSocketListener listener) {
        OutputGate gate = OutputGate.current();
        attach(gate != null ? gate.adopt(this, listener) : listener);
    }

    // ---- runtime side ----

    /** Returns whether this is the end handed to the client. */
    public boolean isClientSide() {
        return clientSide;
    }

    /** Returns the other end. */
    public PairedWebSocket peer() {
        return peer;
    }

    /**
     * Makes {@code target} receive this end's events, first those that waited. Events for one end
     * arrive one at a time, in order.
     *
     * @throws IllegalStateException if a listener is already attached
     */
    public void attach(WebSocketListener target) {
        synchronized (this) {
            if (listener != null) {
                throw new IllegalStateException("this WebSocket end was already accepted");
            }
            if (early != null) {
                for (Consumer<WebSocketListener> event : early) {
                    event.accept(target);
                }
                early = null;
            }
            listener = target;
        }
    }

    /**
     * Gives up on this client end, which was never coupled to a connection: the object that accepted
     * the server end sees its peer vanish (1006, {@code wasClean=false}) and the socket leaves its
     * object, so no ghost stays listed, counted or sent to. A no-op once coupled or closed.
     *
     * @throws IllegalStateException on a server end
     */
    public void abandon(String reason) {
        if (!clientSide) {
            throw new IllegalStateException("abandon() is for the client end of a pair");
        }
        if (listener == null && markClosed()) {
            peer.closedByPeer(WebSocket.ABNORMAL_CLOSURE, CloseCodes.fit(reason), false);
        }
    }

    /**
     * Asks the network to stop (or, with {@code paused} false, resume) reading what the peer of this
     * server end sends; a no-op for an end not coupled to a network connection.
     */
    public void readingPaused(boolean paused) {
        WebSocketTransport t = clientSide ? transport : peer.transport;
        if (t != null) {
            if (paused) {
                t.pauseReading();
            } else {
                t.resumeReading();
            }
        }
    }

    /** Returns whether a listener is attached. */
    public boolean isAttached() {
        return listener != null;
    }

    /**
     * Runs {@code hook} with this end once it becomes CLOSED, whoever closed it. The hook gets the end
     * so that one hook can serve every socket of an owner: an object of its own per socket adds up
     * over thousands of idle ones.
     */
    public void onClosed(Consumer<PairedWebSocket> hook) {
        this.onClosed = hook;
    }

    /**
     * Closes this end for the runtime, without the application's code rules: 1001 at shutdown and
     * eviction, 1011 at reset, 1008 for an overflowing peer. Bypasses the output gate.
     */
    public void closeByRuntime(int code, String reason) {
        if (markClosed()) {
            peer.closedByPeer(code, CloseCodes.fit(reason), true);
        }
    }

    /** Couples this client end to {@code target}; see {@code WebSocketPair.couple}. */
    public WebSocketConnection couple(WebSocketTransport target) {
        if (!clientSide) {
            throw new IllegalArgumentException("couple() takes the client end of a WebSocketPair, not the server end");
        }
        this.transport = target;
        attach(new TransportListener(target));
        return new Connection();
    }

    /** A message sent by the other end arrives here; the hot path of every delivery allocates nothing. */
    void receive(WebSocketMessage message) {
        WebSocketListener target = listener;
        if (target != null) {
            target.onMessage(this, message);
        } else {
            deliver(l -> l.onMessage(this, message));
        }
    }

    /** The other end closed; tell this end's owner unless this end closed first. */
    void closedByPeer(int code, String reason, boolean wasClean) {
        if (markClosed()) {
            deliver(l -> l.onClose(this, code, reason, wasClean));
        }
    }

    private void failedByPeer(Throwable error) {
        if (markClosed()) {
            deliver(l -> l.onError(this, error));
        }
    }

    private boolean markClosed() {
        if (!STATE.compareAndSet(this, ReadyState.OPEN, ReadyState.CLOSED)) {
            return false;
        }
        Consumer<PairedWebSocket> hook = onClosed;
        if (hook != null) {
            hook.accept(this);
        }
        return true;
    }

    private void deliver(Consumer<WebSocketListener> event) {
        WebSocketListener target = listener;
        if (target == null) {
            synchronized (this) {
                target = listener;
                if (target == null) {
                    if (early == null) {
                        early = new ArrayDeque<>();
                    }
                    early.add(event);
                    return;
                }
            }
        }
        event.accept(target);
    }

    @Override
    public String toString() {
        return (clientSide ? "client" : "server") + " WebSocket end (" + state + ")";
    }

    /** The network's view of a coupled client end. */
    private final class Connection implements WebSocketConnection {
        @Override
        public void receive(WebSocketMessage message) {
            if (state == ReadyState.OPEN) {
                peer.receive(message);
            }
        }

        @Override
        public void receiveClose(int code, String reason) {
            if (markClosed()) {
                transport.close(code, reason); // answer the Close at once (S-WS-6)
                peer.closedByPeer(code, reason, true);
            }
        }

        @Override
        public void disconnected(int code, String reason) {
            if (markClosed()) {
                peer.closedByPeer(code, reason, false);
            }
        }

        @Override
        public void failed(Throwable error) {
            if (markClosed()) {
                peer.failedByPeer(error);
            }
        }
    }

    /** Puts what the server end sends on the wire. */
    private record TransportListener(WebSocketTransport transport) implements WebSocketListener {
        @Override
        public void onMessage(WebSocket end, WebSocketMessage message) {
            transport.send(message);
        }

        @Override
        public void onClose(WebSocket end, int code, String reason, boolean wasClean) {
            transport.close(code, reason);
        }

        @Override
        public void onError(WebSocket end, Throwable error) {
            transport.close(1011, "internal error");
        }
    }
}
