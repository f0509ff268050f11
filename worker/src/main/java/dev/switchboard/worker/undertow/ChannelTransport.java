package dev.switchboard.worker.undertow;

import dev.switchboard.http.spi.WebSocketConnection;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.spi.WebSocketTransport;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.xnio.IoUtils;

/**
 * Puts what a coupled client end sends on one Undertow WebSocket channel, within a byte budget.
 *
 * <p>Sends come from turn threads and go straight to {@link WebSockets}, which queues the frame on
 * the channel and writes it from the IO thread; no extra executor. The budget counts bytes handed
 * to Undertow and not yet written, plus {@link #FRAME_OVERHEAD} for every queued frame, so a flood of
 * tiny frames trips it as surely as a few large ones; a peer that lets it pass the limit is
 * closed with 1008 (S-WS-8, R-37).
 */
final class ChannelTransport implements WebSocketTransport, WebSocketCallback<WebSocketMessage>, FrameGuard.Listener {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.worker.websocket");
    static final String VANISHED = "WebSocket disconnected without sending Close frame.";
    /** How long a peer has to answer our Close frame before the connection is cut. */
    static final long CLOSE_DEADLINE_SECONDS = 5;
    /**
     * What the budget charges per queued frame besides its payload: about what one frame costs on
     * the heap in Undertow's queue (the message, its buffer view and the queue node), so that the
     * budget bounds memory, not only payload bytes.
     */
    static final int FRAME_OVERHEAD = FrontDoor.FRAME_OVERHEAD;

    private final WebSocketChannel channel;
    private final String protocol;
    private final long outboundLimit;
    // Counters are fields changed through updaters, not Atomic* objects, and the end future is made
    // only when asked for: a server holds one transport per open socket, most of them idle.
    private static final AtomicLongFieldUpdater<ChannelTransport> BUFFERED =
            AtomicLongFieldUpdater.newUpdater(ChannelTransport.class, "buffered");
    private static final AtomicLongFieldUpdater<ChannelTransport> CHARGED =
            AtomicLongFieldUpdater.newUpdater(ChannelTransport.class, "charged");
    private static final AtomicIntegerFieldUpdater<ChannelTransport> CLOSE_SENT =
            AtomicIntegerFieldUpdater.newUpdater(ChannelTransport.class, "closeSent");
    private volatile long buffered;
    /** {@link #buffered} plus {@link #FRAME_OVERHEAD} per queued frame: what the budget limits. */
    private volatile long charged;
    /** 1 once our Close frame was queued. */
    private volatile int closeSent;
    /** Created by the first {@link #ended()}; guarded by {@code this}. */
    private CompletableFuture<Void> ended;
    private boolean closed;
    private final FrameGuard guard;
    private final PayloadCache payloads;
    private volatile WebSocketConnection connection;
    private volatile Keepalive keepalive;

    ChannelTransport(WebSocketChannel channel, String protocol, long outboundLimit, FrameGuard guard,
                     PayloadCache payloads) {
        this.channel = channel;
        this.protocol = protocol;
        this.outboundLimit = outboundLimit;
        this.guard = guard;
        this.payloads = payloads;
    }

    /** Starts pinging the peer when it is silent; called once, after coupling. */
    void keepalive(Keepalive keepalive) {
        this.keepalive = keepalive;
        keepalive.start();
    }

    @Override
    public void pauseReading() {
        // Undertow's channel is driven by its IO thread; ask there, never block the caller.
        channel.getIoThread().execute(() -> {
            Keepalive k = keepalive;
            if (k != null) {
                k.paused(true);
            }
            channel.suspendReceives();
        });
    }

    @Override
    public void resumeReading() {
        channel.getIoThread().execute(() -> {
            Keepalive k = keepalive;
            if (k != null) {
                k.paused(false); // pongs were not read while paused: the peer was not silent, we were deaf
            }
            if (channel.isOpen()) {
                channel.resumeReceives();
            }
        });
    }

    @Override
    public void onActivity() {
        Keepalive k = keepalive;
        if (k != null) {
            k.heard();
        }
    }

    @Override
    public void onViolation(FrameGuard.Violation violation) {
        // Called inside Undertow's read; act one IO task later, outside its parser.
        channel.getIoThread().execute(() -> refuse(violation.code(), violation.reason()));
    }

    /**
     * Gives up on the peer for a protocol or limit violation: sends Close {@code code}, tells the
     * object (wasClean=false), drops what the peer sends from now on, and cuts the connection after
     * {@link #CLOSE_DEADLINE_SECONDS}, which lets the peer read the Close frame first: a peer refused for
     * overflowing its budget must first read the frames queued before it.
     */
    void refuse(int code, String reason) {
        guard.stop();
        close(code, reason);
        WebSocketConnection c = connection;
        if (c != null) {
            c.disconnected(code, reason);
        }
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), CLOSE_DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    /** The peer answered nothing to a ping: cut the connection; the object sees 1006. */
    void peerDead(String reason) {
        LOG.log(System.Logger.Level.INFO, "WebSocket peer " + channel.getSourceAddress() + ": " + reason
                + " Closing the connection (1006).");
        WebSocketConnection c = connection;
        if (c != null) {
            c.disconnected(1006, reason);
        }
        guard.stop();
        IoUtils.safeClose(channel);
    }

    /** Sets the runtime side; called once, right after coupling. */
    void connection(WebSocketConnection connection) {
        this.connection = connection;
    }

    WebSocketConnection connection() {
        return connection;
    }

    /** Completes once the channel is closed. */
    synchronized CompletableFuture<Void> ended() {
        if (ended == null) {
            ended = closed ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }
        return ended;
    }

    /** Called by the channel's close listener. */
    void channelClosed() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            closed = true;
            waiting = ended;
        }
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    @Override
    public void send(WebSocketMessage message) {
        if (closeSent != 0 || !channel.isOpen()) {
            return;
        }
        int size = message.size();
        long now = CHARGED.addAndGet(this, size + FRAME_OVERHEAD);
        if (now > outboundLimit) {
            CHARGED.addAndGet(this, -(size + FRAME_OVERHEAD));
            overflow(now);
            return;
        }
        BUFFERED.addAndGet(this, size);
        if (message instanceof WebSocketMessage.Text) {
            WebSockets.sendText(payloads.payload(message), channel, this, message);
        } else {
            WebSockets.sendBinary(payloads.payload(message), channel, this, message);
        }
    }

    @Override
    public void complete(WebSocketChannel ch, WebSocketMessage message) {
        written(message);
    }

    private void written(WebSocketMessage message) {
        int size = message.size();
        BUFFERED.addAndGet(this, -size);
        CHARGED.addAndGet(this, -(size + FRAME_OVERHEAD));
    }

    @Override
    public void onError(WebSocketChannel ch, WebSocketMessage message, Throwable error) {
        written(message);
        LOG.log(System.Logger.Level.DEBUG, "sending a WebSocket frame failed: " + error);
        IoUtils.safeClose(ch); // the close listener reports 1006
    }

    @Override
    public void close(int code, String reason) {
        if (!CLOSE_SENT.compareAndSet(this, 0, 1) || channel.isCloseFrameSent() || !channel.isOpen()) {
            return;
        }
        // 1005 means "no code": answer with an empty Close frame; 1004/1006/1015 never go on the wire.
        boolean noCode = code == 1005 || code == 1006 || code == 1015 || code == 1004;
        ByteBuffer payload = noCode ? ByteBuffer.allocate(0)
                : new CloseMessage(code, reason == null ? "" : reason).toByteBuffer();
        WebSockets.sendClose(payload, channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                if (ch.isCloseFrameReceived()) {
                    IoUtils.safeClose(ch);
                } else {
                    // A peer that never answers must not hold the connection open for ever.
                    ch.getIoThread().executeAfter(() -> IoUtils.safeClose(ch), CLOSE_DEADLINE_SECONDS,
                            TimeUnit.SECONDS);
                }
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable error) {
                IoUtils.safeClose(ch);
            }
        });
    }

    @Override
    public long bufferedAmount() {
        return buffered;
    }

    @Override
    public Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    @Override
    public Optional<String> remoteAddress() {
        // The channel keeps the address it was accepted from; reading it costs nothing.
        java.net.InetSocketAddress peer = channel.getSourceAddress();
        if (peer == null) {
            return Optional.empty();
        }
        String host = peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
        return Optional.of((host.contains(":") ? "[" + host + "]" : host) + ":" + peer.getPort());
    }

    private void overflow(long wanted) {
        LOG.log(System.Logger.Level.WARNING, "WebSocket peer " + channel.getSourceAddress() + " is not reading: "
                + wanted + " bytes would be buffered (counting " + FRAME_OVERHEAD + " per frame), the limit is "
                + outboundLimit + "; closing with 1008 (S-WS-8)");
        // The Close frame waits behind the unread data; refuse cuts the connection if it cannot leave soon.
        refuse(1008, "outbound buffer overflow: the client is not reading");
    }
}
