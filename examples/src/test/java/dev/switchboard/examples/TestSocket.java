package dev.switchboard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketListener;
import dev.switchboard.http.WebSocketMessage;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client holding the client end of a 101 response: frames it receives wait in a queue. */
public final class TestSocket implements WebSocketListener {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a socket closed. */
    public record Closed(int code, String reason, boolean wasClean) {
    }

    private final WebSocket end;
    private final BlockingQueue<WebSocketMessage> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();

    private TestSocket(WebSocket end) {
        this.end = end;
        end.accept(this);
    }

    /** Returns a client for the 101 {@code response}; fails the test if it is not one. */
    public static TestSocket of(Response response) {
        if (response.status() != 101) {
            throw new AssertionError("expected 101, got " + response.status() + ": " + response.text());
        }
        return new TestSocket(response.webSocketEnd().orElseThrow());
    }

    /** Sends text to the object. */
    public void send(String text) {
        end.send(text);
    }

    /** Closes normally. */
    public void close() {
        end.close(1000, "bye");
    }

    /** Returns the next message, failing the test if none arrives within 5 s. */
    public WebSocketMessage receive() {
        try {
            WebSocketMessage m = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("no message within " + WAIT);
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Returns the next message as text. */
    public String receiveText() {
        var m = receive();
        if (m instanceof WebSocketMessage.Text t) {
            return t.text();
        }
        throw new AssertionError("expected a text message, got " + m);
    }

    /** Returns the next message parsed as JSON. */
    public JsonNode receiveJson() {
        String text = receiveText();
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** Returns whether no message is waiting now. */
    public boolean nothingWaiting() {
        return inbox.isEmpty();
    }

    /** Completes when the object closes this socket. */
    public CompletableFuture<Closed> closed() {
        return closed;
    }

    /** Returns the end, to ask its state. */
    public WebSocket end() {
        return end;
    }

    @Override
    public void onMessage(WebSocket ws, WebSocketMessage message) {
        inbox.add(message);
    }

    @Override
    public void onClose(WebSocket ws, int code, String reason, boolean wasClean) {
        closed.complete(new Closed(code, reason, wasClean));
    }
}
