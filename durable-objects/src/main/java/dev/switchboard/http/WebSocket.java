package dev.switchboard.http;

import java.util.Optional;

/**
 * One end of a WebSocket connection, as a worker or a Durable Object holds it.
 *
 * <p>Ends come from a {@link WebSocketPair}: the object keeps the server end and returns the client
 * end in a 101 {@link Response}. What one end sends, the other end receives.
 *
 * <p>Threads: every method may be called from any thread. Inside a Durable Object, call them from
 * the object's turns. Sends made by a turn after it wrote to storage leave only once those writes
 * are durable (the output gate, S-STO-4).
 *
 * <p>Failures: sending on a closed socket does nothing and is logged once (S-WS-7). An invalid
 * close code or reason throws {@link IllegalArgumentException} and sends nothing (S-WS-5).
 */
public interface WebSocket {

    /** The connection states of the WHATWG WebSocket API. */
    enum ReadyState { CONNECTING, OPEN, CLOSING, CLOSED }

    /** The close code a handler sees when the peer vanished without a Close frame (S-WS-6). */
    int ABNORMAL_CLOSURE = 1006;

    /** Sends a text message. */
    void send(String text);

    /** Sends a binary message; the array is not copied, so do not change it afterwards. */
    void send(byte[] data);

    /** Sends {@code message} unchanged: a room that forwards what it received encodes it once. */
    void send(WebSocketMessage message);

    /**
     * Starts the closing handshake with {@code code} and {@code reason} (S-WS-5).
     *
     * @param code 1000 or 3000-4999
     * @param reason at most 123 UTF-8 bytes
     * @throws IllegalArgumentException if the code or the reason is not allowed; nothing is sent
     */
    void close(int code, String reason);

    /** Closes normally: code 1000, no reason. */
    default void close() {
        close(1000, "");
    }

    /** Returns the current state. */
    ReadyState readyState();

    /**
     * Returns the bytes sent but not yet written to the network. A socket whose buffer passes its
     * budget is closed with 1008 (S-WS-8).
     */
    long bufferedAmount();

    /** Returns the subprotocol agreed in the handshake, or empty (S-WS-2). */
    Optional<String> protocol();

    /**
     * Keeps a serialised copy of {@code value} with this socket, so it survives hibernation
     * (S-HIB-2). The value goes through Jackson; null removes the attachment.
     *
     * @throws dev.switchboard.durable.DurableObjectException if the value does not serialise or its
     *     serialised form is larger than 16 KiB
     */
    void serializeAttachment(Object value);

    /** Returns the latest attachment read back as {@code type}, or empty if none was stored (S-HIB-2). */
    <T> Optional<T> deserializeAttachment(Class<T> type);

    /**
     * Accepts this end with the standard (non-hibernatable) API: {@code listener} receives its
     * messages and close. Inside a Durable Object the listener runs as turns of that object, and an
     * open socket accepted this way keeps the object from hibernating (S-HIB-3); prefer
     * {@code ctx.acceptWebSocket(ws)}. Outside any object (in a worker, a test) the listener is
     * called on the thread that delivers the event, which under {@code WorkerServer} is a network
     * IO thread: keep such listeners short and non-blocking, or accept the socket in an object.
     *
     * @throws IllegalStateException if this end was already accepted
     */
    void accept(WebSocketListener listener);
}
