package dev.switchboard.examples;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.worker.WorkerServer;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener for the JDK's WebSocket client that collects whole text messages, for tests over a real socket. */
public final class TextInbox implements WebSocket.Listener {

    /** How long a test waits for a handshake or a message. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    /** Returns the {@code ws://} address of {@code path} (such as {@code /room/r/ws?user=ann}) on {@code server}. */
    public static URI ws(WorkerServer server, String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    /** Opens a socket to {@code uri} with {@code builder}, delivering to this inbox; fails the test if refused. */
    public WebSocket open(WebSocket.Builder builder, URI uri) throws Exception {
        return builder.buildAsync(uri, this).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Returns the status with which the server refuses a handshake to {@code uri}; fails the test if it opens. */
    public static int refusedStatus(WebSocket.Builder builder, URI uri) {
        var failure = assertThrows(ExecutionException.class,
                () -> builder.buildAsync(uri, new TextInbox()).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, failure.getCause()).getResponse().statusCode();
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    /** Returns the next whole text message, failing the test if none arrives within {@link #WAIT}. */
    public String next() throws InterruptedException {
        String message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + WAIT);
        }
        return message;
    }
}
