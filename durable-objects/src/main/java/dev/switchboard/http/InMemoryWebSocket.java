package dev.switchboard.http;

import dev.switchboard.http.spi.WebSocketConnection;
import dev.switchboard.http.spi.WebSocketTransport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A WebSocket client with no network: it plays the browser's part against the client end of a
 * {@link WebSocketPair}, so tests can drive a room in process. {@code WorkerRuntime.connect} and
 * {@link DurableObjectTestKit#connect} make them.
 *
 * <p>What the object sends is queued here until {@link #receive(Duration)} takes it; what the client
 * sends goes to the object as a turn, as a network frame would.
 *
 * <p>Threads: every method is safe from any thread. {@code receive} blocks the caller up to its
 * timeout; nothing else blocks.
 */
public final class InMemoryWebSocket {

    /**
     * How the connection ended, as the browser's {@code close} event reports it.
     *
     * @param code the close code; 1006 when the connection dropped without a Close frame
     * @param reason the close reason, possibly empty
     * @param wasClean whether a closing handshake took place
     */
    public record CloseEvent(int code, String reason, boolean wasClean) {
    }

    /** Marks the end of the message queue once the connection closed. */
    private static final Object END = new Object();

    private final URI url;
    private final String protocol;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseEvent> closed = new CompletableFuture<>();
    private final AtomicReference<WebSocket.ReadyState> state = new AtomicReference<>(WebSocket.ReadyState.OPEN);
    private final WebSocketConnection connection;

    private InMemoryWebSocket(URI url, WebSocket clientEnd, String protocol) {
        this.url = url;
        this.protocol = protocol;
        this.connection = WebSocketPair.couple(clientEnd, new QueueTransport());
    }

    /**
     * Couples a client to {@code clientEnd}, the end carried by a 101 response for {@code url} whose
     * handshake chose {@code protocol} (or null).
     *
     * @throws IllegalArgumentException if {@code clientEnd} is not the client end of a pair
     * @throws IllegalStateException if it was already coupled
     */
    public static InMemoryWebSocket couple(URI url, WebSocket clientEnd, String protocol) {
        return new InMemoryWebSocket(url, clientEnd, protocol);
    }

    /** Sends a text message to the object; ignored once the socket is closing or closed, as in a browser. */
    public void send(String text) {
        if (state.get() == WebSocket.ReadyState.OPEN) {
            connection.receive(WebSocketMessage.text(text));
        }
    }

    /** Sends a binary message to the object; the array is not copied. Ignored once closing or closed. */
    public void send(byte[] data) {
        if (state.get() == WebSocket.ReadyState.OPEN) {
            connection.receive(WebSocketMessage.binary(data));
        }
    }

    /**
     * Starts the closing handshake, as a browser's {@code ws.close(code, reason)}: the object sees
     * {@code webSocketClose(ws, code, reason, true)} and the runtime answers at once (S-WS-6), which
     * completes {@link #closed()}.
     *
     * @param code 1000 or 3000-4999
     * @param reason at most 123 UTF-8 bytes
     * @throws IllegalArgumentException for another code or a longer reason; nothing is sent
     */
    public void close(int code, String reason) {
        String why = reason == null ? "" : reason;
        if (code != 1000 && (code < 3000 || code > 4999)) {
            throw new IllegalArgumentException("close code " + code + " is not allowed: use 1000 or 3000-4999");
        }
        if (why.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("close reason is longer than 123 UTF-8 bytes");
        }
        if (state.compareAndSet(WebSocket.ReadyState.OPEN, WebSocket.ReadyState.CLOSING)) {
            connection.receiveClose(code, why);
        }
    }

    /** Closes normally: code 1000, no reason. */
    public void close() {
        close(1000, "");
    }

    /**
     * Simulates the client vanishing without a Close frame (a dropped network, a killed tab): the
     * object sees {@code webSocketClose(ws, 1006, …, wasClean=false)} (S-WS-6).
     */
    public void disconnect() {
        if (state.get() != WebSocket.ReadyState.CLOSED) {
            connection.disconnected(WebSocket.ABNORMAL_CLOSURE, "WebSocket disconnected without sending Close frame.");
            ended(new CloseEvent(WebSocket.ABNORMAL_CLOSURE, "", false));
        }
    }

    /**
     * Returns the next message the object sent, waiting up to {@code timeout}.
     *
     * @throws IllegalStateException if none arrives in time, or the socket closed with none left;
     *     the message names what was awaited
     */
    public WebSocketMessage receive(Duration timeout) {
        Object event;
        try {
            event = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a message on " + url, e);
        }
        if (event == null) {
            throw new IllegalStateException("no message on the WebSocket to " + url + " within " + timeout
                    + " (state " + state.get() + ")");
        }
        if (event == END) {
            inbox.add(END); // later calls fail fast too
            CloseEvent close = closed.getNow(null);
            throw new IllegalStateException("the WebSocket to " + url + " closed (" + close
                    + ") while waiting for a message");
        }
        return (WebSocketMessage) event;
    }

    /**
     * Returns the text of the next message, waiting up to {@code timeout}.
     *
     * @throws IllegalStateException as {@link #receive(Duration)} does, or if the message is binary
     */
    public String receiveText(Duration timeout) {
        WebSocketMessage message = receive(timeout);
        if (message instanceof WebSocketMessage.Text text) {
            return text.text();
        }
        throw new IllegalStateException("expected a text message on " + url + " but got " + message);
    }

    /** Returns a future completed once the connection ended, with how it ended. */
    public CompletableFuture<CloseEvent> closed() {
        return closed;
    }

    /** Returns the current state. */
    public WebSocket.ReadyState readyState() {
        return state.get();
    }

    /** Returns the subprotocol the 101 response chose, or empty (S-WS-2). */
    public Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    @Override
    public String toString() {
        return "InMemoryWebSocket[" + url + ", " + state.get() + "]";
    }

    private void ended(CloseEvent event) {
        state.set(WebSocket.ReadyState.CLOSED);
        if (closed.complete(event)) {
            inbox.add(END);
        }
    }

    /** What the runtime puts on the "wire": queued for {@code receive}. */
    private final class QueueTransport implements WebSocketTransport {
        @Override
        public void send(WebSocketMessage message) {
            if (state.get() != WebSocket.ReadyState.CLOSED) {
                inbox.add(message);
            }
        }

        @Override
        public void close(int code, String reason) {
            ended(new CloseEvent(code, reason == null ? "" : reason, true));
        }

        @Override
        public long bufferedAmount() {
            return 0;
        }

        @Override
        public Optional<String> protocol() {
            return Optional.ofNullable(protocol);
        }
    }
}
