package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.storage.ValueCodec;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.spi.WebSocketConnection;
import dev.switchboard.http.WebSocketListener;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.spi.WebSocketTransport;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One end of a {@link dev.switchboard.http.WebSocketPair}. What one end sends arrives at the other
 * end's {@link Inbox}; events that arrive before an inbox is attached wait, in order.
 *
 * <pre>
 *   object ──send──► server end ──► client end ──inbox──► transport ──► network
 *   object ◄─turn─── inbox ◄── server end ◄──receive── connection ◄── network
 * </pre>
 *
 * <p>Closing is one step per end: an end that closes (application, runtime or network) becomes
 * CLOSED at once and the other end's owner is told; the initiator is not told again.
 */
public final class PairedWebSocket implements WebSocket {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.websocket");
    /** The largest attachment in serialised bytes (S-HIB-2). */
    public static final int MAX_ATTACHMENT_BYTES = 16 * 1024;

    private final boolean clientSide;
    private PairedWebSocket peer;
    private final AtomicReference<ReadyState> state = new AtomicReference<>(ReadyState.OPEN);
    private volatile Inbox inbox;
    private ArrayDeque<Consumer<Inbox>> early;
    private volatile WebSocketTransport transport;
    private volatile byte[] attachment;
    private volatile Runnable onClosed;
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
        if (state.get() != ReadyState.OPEN) {
            if (!warnedSendAfterClose) {
                warnedSendAfterClose = true;
                LOG.log(System.Logger.Level.DEBUG, "send on a closed WebSocket ignored (S-WS-7)");
            }
            return;
        }
        Turn turn = Turn.current();
        if (turn != null && turn.holdsOutput()) {
            turn.hold(() -> peer.receive(message));
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
        Turn turn = Turn.current();
        if (turn != null && turn.holdsOutput()) {
            turn.hold(() -> peer.closedByPeer(code, why, true));
        } else {
            peer.closedByPeer(code, why, true);
        }
    }

    @Override
    public ReadyState readyState() {
        return state.get();
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
        Turn turn = Turn.current();
        attach(turn != null ? turn.activation().standardInbox(this, listener) : new ListenerInbox(listener));
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
     * Makes {@code target} receive this end's events, first those that waited.
     *
     * @throws IllegalStateException if an inbox is already attached
     */
    public void attach(Inbox target) {
        synchronized (this) {
            if (inbox != null) {
                throw new IllegalStateException("this WebSocket end was already accepted");
            }
            if (early != null) {
                for (Consumer<Inbox> event : early) {
                    event.accept(target);
                }
                early = null;
            }
            inbox = target;
        }
    }

    /** Returns whether an inbox is attached. */
    public boolean isAttached() {
        return inbox != null;
    }

    /** Runs {@code hook} once when this end becomes CLOSED, whoever closed it. */
    public void onClosed(Runnable hook) {
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
        attach(new TransportInbox(target));
        return new Connection();
    }

    /** A message sent by the other end arrives here; the hot path of every delivery allocates nothing. */
    void receive(WebSocketMessage message) {
        Inbox box = inbox;
        if (box != null) {
            box.message(this, message);
        } else {
            deliver(b -> b.message(this, message));
        }
    }

    /** The other end closed; tell this end's owner unless this end closed first. */
    void closedByPeer(int code, String reason, boolean wasClean) {
        if (markClosed()) {
            deliver(box -> box.close(this, code, reason, wasClean));
        }
    }

    private void failedByPeer(Throwable error) {
        if (markClosed()) {
            deliver(box -> box.error(this, error));
        }
    }

    private boolean markClosed() {
        if (!state.compareAndSet(ReadyState.OPEN, ReadyState.CLOSED)) {
            return false;
        }
        Runnable hook = onClosed;
        if (hook != null) {
            hook.run();
        }
        return true;
    }

    private void deliver(Consumer<Inbox> event) {
        Inbox box = inbox;
        if (box == null) {
            synchronized (this) {
                box = inbox;
                if (box == null) {
                    if (early == null) {
                        early = new ArrayDeque<>();
                    }
                    early.add(event);
                    return;
                }
            }
        }
        event.accept(box);
    }

    @Override
    public String toString() {
        return (clientSide ? "client" : "server") + " WebSocket end (" + state.get() + ")";
    }

    /** The network's view of a coupled client end. */
    private final class Connection implements WebSocketConnection {
        @Override
        public void receive(WebSocketMessage message) {
            if (state.get() == ReadyState.OPEN) {
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
    private record TransportInbox(WebSocketTransport transport) implements Inbox {
        @Override
        public void message(PairedWebSocket end, WebSocketMessage message) {
            transport.send(message);
        }

        @Override
        public void close(PairedWebSocket end, int code, String reason, boolean wasClean) {
            transport.close(code, reason);
        }

        @Override
        public void error(PairedWebSocket end, Throwable error) {
            transport.close(1011, "internal error");
        }
    }

    /** Calls a listener on the delivering thread: for ends used outside any object. */
    private record ListenerInbox(WebSocketListener listener) implements Inbox {
        @Override
        public void message(PairedWebSocket end, WebSocketMessage message) {
            listener.onMessage(end, message);
        }

        @Override
        public void close(PairedWebSocket end, int code, String reason, boolean wasClean) {
            listener.onClose(end, code, reason, wasClean);
        }

        @Override
        public void error(PairedWebSocket end, Throwable error) {
            listener.onError(end, error);
        }
    }
}
