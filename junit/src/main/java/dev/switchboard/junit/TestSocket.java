package dev.switchboard.junit;

import dev.switchboard.http.InMemoryWebSocket;
import java.time.Duration;

/**
 * A client WebSocket opened by {@link TestRuntime#connect(String)}: in memory, no network. Messages
 * the object sends queue up until the test takes them with {@link #awaitMessage()}.
 *
 * <p>Threads: safe from the test thread and any other. Every wait is bounded and fails with a
 * message naming the socket instead of hanging.
 */
public final class TestSocket implements AutoCloseable {

    private final InMemoryWebSocket socket;
    private final Duration wait;

    TestSocket(InMemoryWebSocket socket, Duration wait) {
        this.socket = socket;
        this.wait = wait;
    }

    /** Sends a text frame to the object. */
    public void send(String text) {
        socket.send(text);
    }

    /**
     * Returns the text of the next message the object sent, waiting up to 10 s.
     *
     * @throws IllegalStateException if none came in time, the socket closed, or the message is binary
     */
    public String awaitMessage() {
        return socket.receiveText(wait);
    }

    /** Returns the text of the next message, waiting up to {@code timeout}; fails as {@link #awaitMessage()}. */
    public String awaitMessage(Duration timeout) {
        return socket.receiveText(timeout);
    }

    /**
     * Waits up to 10 s for the connection to end and returns how: the code and reason the object
     * closed with, such as 1012 after a reload.
     *
     * @throws IllegalStateException if it is still open after the wait
     */
    public InMemoryWebSocket.CloseEvent awaitClose() {
        try {
            return socket.closed().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the WebSocket " + socket + " is still open after " + wait, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + socket + " to close", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("waiting for " + socket + " to close failed", e.getCause());
        }
    }

    /** Returns the socket underneath, for what this class does not wrap (binary frames, ready state). */
    public InMemoryWebSocket socket() {
        return socket;
    }

    /** Closes the socket with 1000; the object sees {@code webSocketClose}. */
    @Override
    public void close() {
        socket.close();
    }
}
