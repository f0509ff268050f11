package dev.switchboard.durable.testing;

import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketConnection;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import dev.switchboard.http.WebSocketTransport;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client for the client end of a {@link WebSocketPair}, without a network: what the object sends
 * is queued for {@link #receive}, and the client can send, close, or vanish.
 *
 * <p>Threads: {@code receive} blocks the calling test thread for at most the given timeout; the
 * other methods may be called from any thread.
 */
public final class TestWebSocket {

    /**
     * How a connection ended, as the client saw it.
     *
     * @param code the close code
     * @param reason the close reason
     * @param wasClean whether a Close frame ended it
     */
    public record CloseEvent(int code, String reason, boolean wasClean) {
    }

    private final BlockingQueue<WebSocketMessage> inbound = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseEvent> closed = new CompletableFuture<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final WebSocketConnection connection;

    private TestWebSocket(WebSocket clientEnd, String protocol) {
        this.connection = WebSocketPair.couple(clientEnd, new Transport(protocol));
    }

    /**
     * Couples a client to {@code clientEnd}, the end carried by a 101 response.
     *
     * @throws IllegalArgumentException if it is not the client end of a pair
     */
    public static TestWebSocket couple(WebSocket clientEnd) {
        return new TestWebSocket(clientEnd, null);
    }

    /** Couples a client to {@code clientEnd} whose handshake agreed on {@code protocol}. */
    public static TestWebSocket couple(WebSocket clientEnd, String protocol) {
        return new TestWebSocket(clientEnd, protocol);
    }

    /** Sends a text message to the object. */
    public void send(String text) {
        connection.receive(WebSocketMessage.text(text));
    }

    /** Sends a binary message to the object. */
    public void send(byte[] data) {
        connection.receive(WebSocketMessage.binary(data));
    }

    /** Sends a Close frame; the object's end answers at once and sees {@code wasClean=true} (S-WS-6). */
    public void close(int code, String reason) {
        connection.receiveClose(code, reason);
    }

    /** Sends a Close frame with 1000. */
    public void close() {
        close(1000, "");
    }

    /** Vanishes without a Close frame: the object sees 1006 and {@code wasClean=false} (S-WS-6). */
    public void disconnect() {
        if (open.compareAndSet(true, false)) {
            connection.disconnected(WebSocket.ABNORMAL_CLOSURE, "WebSocket disconnected without sending Close frame.");
            closed.complete(new CloseEvent(WebSocket.ABNORMAL_CLOSURE, "", false));
        }
    }

    /**
     * Returns the next message from the object, waiting at most {@code timeout}.
     *
     * @throws IllegalStateException if none arrives in time
     */
    public WebSocketMessage receive(Duration timeout) {
        try {
            WebSocketMessage message = inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new IllegalStateException("no WebSocket message within " + timeout.toMillis() + " ms"
                        + (closed.isDone() ? "; the socket closed: " + closed.join() : ""));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a WebSocket message", e);
        }
    }

    /** Returns the next message as text, waiting at most {@code timeout}. */
    public String receiveText(Duration timeout) {
        WebSocketMessage message = receive(timeout);
        if (message instanceof WebSocketMessage.Text text) {
            return text.text();
        }
        throw new IllegalStateException("expected a text message, got " + message);
    }

    /** Returns the messages received and not yet taken, without waiting. */
    public int pending() {
        return inbound.size();
    }

    /** Completes when the connection ended: by the object's close, or by this client. */
    public CompletableFuture<CloseEvent> closed() {
        return closed;
    }

    /** Returns whether the connection is still open. */
    public boolean isOpen() {
        return open.get();
    }

    private final class Transport implements WebSocketTransport {
        private final String protocol;

        Transport(String protocol) {
            this.protocol = protocol;
        }

        @Override
        public void send(WebSocketMessage message) {
            if (open.get()) {
                inbound.add(message);
            }
        }

        @Override
        public void close(int code, String reason) {
            open.set(false);
            closed.complete(new CloseEvent(code, reason, true));
        }

        @Override
        public long bufferedAmount() {
            return 0;
        }

        @Override
        public java.util.Optional<String> protocol() {
            return java.util.Optional.ofNullable(protocol);
        }
    }
}
