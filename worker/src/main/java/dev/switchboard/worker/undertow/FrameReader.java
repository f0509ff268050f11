package dev.switchboard.worker.undertow;

import dev.switchboard.http.WebSocketMessage;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketMessages;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.IoUtils;

/**
 * Hands what one Undertow channel receives to the runtime's {@code WebSocketConnection}. Runs on
 * the channel's IO thread and only enqueues: the object's turn queue runs the user code.
 *
 * <p>Undertow buffers each message up to {@code maxMessageSize} (S-WS-4), answers pings itself
 * (S-WS-3) and sends 1009 for a larger message and 1007 for invalid UTF-8; this reader then tells
 * the runtime with the same code.
 */
final class FrameReader extends AbstractReceiveListener {

    private final ChannelTransport transport;
    private final long maxMessageSize;

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
        transport.connection().receive(WebSocketMessage.text(message.getData()));
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        var data = message.getData();
        try {
            ByteBuffer merged = WebSockets.mergeBuffers(data.getResource());
            byte[] bytes = new byte[merged.remaining()];
            merged.get(bytes);
            transport.connection().receive(WebSocketMessage.binary(bytes));
        } finally {
            data.free();
        }
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
            connection.disconnected(1009, "Message is too large"); // S-WS-4; Undertow sent the 1009 frame
        } else if (isInvalidUtf8(error)) {
            connection.disconnected(1007, "Invalid UTF-8 in a text message");
        } else if (channel.isCloseFrameSent()) {
            connection.disconnected(1002, "Protocol error: " + message);
        } else if (error instanceof IOException) {
            connection.failed(error);
        } else {
            connection.failed(new IOException(message, error));
        }
        IoUtils.safeClose(channel);
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
