package dev.switchboard.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK {@code java.net.http} WebSocket client that queues whole messages and records its close. */
final class TestClient implements WebSocket.Listener {

    /** How the server closed the connection. */
    record Close(int code, String reason) {
    }

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    WebSocket socket;

    static TestClient connect(URI uri, String... subprotocols) throws Exception {
        var client = new TestClient();
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    Object next() throws InterruptedException {
        Object message = messages.poll(5, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message from the server within 5 s");
        }
        return message;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            messages.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
