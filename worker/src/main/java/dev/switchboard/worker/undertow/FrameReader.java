package dev.switchboard.worker.undertow;

import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.spi.InlineTurns;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketMessages;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;

/**
 * Hands what one Undertow channel receives to the runtime's {@code WebSocketConnection}. Runs on
 * the channel's IO thread, which it marks as a delivering thread ({@link InlineTurns}): the object's
 * turn queue runs the user code, on the pool, or right here when the object's turns are short.
 *
 * <p>Undertow buffers each message up to {@code maxMessageSize} (S-WS-4) and sends 1007 for invalid
 * UTF-8; this reader then tells the runtime with the same code. Messages past the limit are refused
 * earlier, at the frame header, by {@link FrameGuard}. Pings are answered here on the IO thread, with
 * a bound on unread pongs (S-WS-3, R-34); pongs are dropped.
 */
final class FrameReader extends AbstractReceiveListener {

    /** Cloudflare's reason for 1009. */
    static final String TOO_LARGE = "Message is too large";
    /** Pongs we owe a peer that does not read them; more closes it with 1008. */
    static final int MAX_PENDING_PONGS = 256;
    /** The start of Undertow's message when a peer passes its ping rate limit. */
    private static final String TOO_MANY_PINGS = WebSocketMessages.MESSAGES.tooManyPings(0)
            .substring(0, WebSocketMessages.MESSAGES.tooManyPings(0).lastIndexOf(':'));

    private final ChannelTransport transport;
    private final long maxMessageSize;
    private static final AtomicIntegerFieldUpdater<FrameReader> PENDING_PONGS =
            AtomicIntegerFieldUpdater.newUpdater(FrameReader.class, "pendingPongs");
    /** Pongs queued and not yet written; a field, not an AtomicInteger, as every socket has one reader. */
    private volatile int pendingPongs;

    FrameReader(ChannelTransport transport, long maxMessageSize) {
        this.transport = transport;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected long getMaxTextBufferSize() {
        return maxMessageSize;
    }

    @Override
    protected long getMaxBinaryBufferSize() {
        return maxMessageSize;
    }

    @Override
    protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
        InlineTurns.markDeliveringThread();
        transport.connection().receive(WebSocketMessage.text(message.getData()));
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        var data = message.getData();
        try {
            ByteBuffer merged = WebSockets.mergeBuffers(data.getResource());
            byte[] bytes = new byte[merged.remaining()];
            merged.get(bytes);
            InlineTurns.markDeliveringThread();
            transport.connection().receive(WebSocketMessage.binary(bytes));
        } finally {
            data.free();
        }
    }

    @Override
    protected void onFullPingMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        // Undertow answers every ping; a peer that floods pings and reads nothing would grow the
        // pong queue without bound. Objects are never involved, hibernated or not (S-WS-3).
        var data = message.getData();
        if (PENDING_PONGS.incrementAndGet(this) > MAX_PENDING_PONGS) {
            data.free();
            transport.refuse(1008, "Policy violation: too many pings while not reading the pongs");
            return;
        }
        WebSockets.sendPong(data.getResource(), channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                PENDING_PONGS.decrementAndGet(FrameReader.this);
                data.free();
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable error) {
                PENDING_PONGS.decrementAndGet(FrameReader.this);
                data.free();
            }
        });
    }

    @Override
    protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        // Unsolicited pongs are allowed and ignored; the keepalive already counted the bytes.
        message.getData().free();
    }

    @Override
    protected void onFullCloseMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        var data = message.getData();
        int code;
        String reason;
        try {
            ByteBuffer[] buffers = data.getResource();
            long length = 0;
            for (ByteBuffer b : buffers) {
                length += b.remaining();
            }
            if (length == 0) {
                code = 1005; // no status code present (RFC 6455, 7.1.5)
                reason = "";
            } else {
                var close = new CloseMessage(buffers);
                code = close.getCode();
                reason = close.getReason();
            }
        } finally {
            data.free();
        }
        // The runtime answers at once through transport.close (S-WS-6); if the object closed first,
        // this is the peer's answer and transport.close is a no-op.
        transport.connection().receiveClose(code, reason);
        transport.close(code, reason);
    }

    @Override
    protected void onError(WebSocketChannel channel, Throwable error) {
        var connection = transport.connection();
        String message = String.valueOf(error.getMessage());
        if (message.equals(WebSocketMessages.MESSAGES.messageToBig(maxMessageSize))) {
            // Only if the frame guard missed it: Undertow sent the 1009 frame with its own reason.
            connection.disconnected(1009, TOO_LARGE); // S-WS-4
        } else if (message.startsWith(TOO_MANY_PINGS)) {
            // Undertow's own limit (300 pings a minute) sent Close 1008.
            connection.disconnected(1008, "Policy violation: too many pings");
        } else if (isInvalidUtf8(error)) {
            connection.disconnected(1007, "Invalid UTF-8 in a text message");
        } else if (channel.isCloseFrameSent()) {
            connection.disconnected(1002, "Protocol error: " + message);
        } else {
            // A reset or end of stream mid-message: the peer vanished without a Close frame (S-WS-6, R-38).
            connection.disconnected(1006, ChannelTransport.VANISHED);
            IoUtils.safeClose(channel);
            return;
        }
        // Undertow sent a Close frame. Closing the TCP connection at once would answer a peer that is
        // still sending with a reset, which can destroy the Close frame before the peer reads it.
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), 1, TimeUnit.SECONDS);
    }

    private static boolean isInvalidUtf8(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.io.UnsupportedEncodingException
                    || String.valueOf(t.getMessage()).contains("UTF-8")
                    || String.valueOf(t.getMessage()).contains("UTF8")) {
                return true;
            }
        }
        return false;
    }
}
