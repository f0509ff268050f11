package dev.switchboard.cli.connect;

import dev.switchboard.cli.client.ReconnectingWebSocket;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Session} through {@link ReconnectingWebSocket}: drops are reported as lines and followed
 * by a new connection after a jittered backoff. It ends only when closed from this side, which
 * reports {@link Event.Closed} with the code sent.
 */
public final class ReconnectingSession implements Session {

    private final ReconnectingWebSocket socket;
    private final BlockingQueue<Event> events;
    private final Duration timeout;
    private final CompletableFuture<Void> firstOpen = new CompletableFuture<>();

    /** Starts connecting to {@code uri} and returns at once; every outcome arrives on {@code events}. */
    public ReconnectingSession(URI uri, List<Map.Entry<String, String>> headers, List<String> subprotocols,
                               Duration timeout, BlockingQueue<Event> events) {
        this.events = events;
        this.timeout = timeout;
        var builder = ReconnectingWebSocket.builder(uri).connectTimeout(timeout)
                .listener(new Listener(events, firstOpen));
        headers.forEach(h -> builder.header(h.getKey(), h.getValue()));
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.toArray(String[]::new));
        }
        this.socket = builder.build().connect();
    }

    @Override
    public void sendText(String text) throws IOException {
        try {
            // A message typed (or given with -x) before the first connection opened waits for it.
            firstOpen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            socket.send(text).join();
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("not connected within " + timeout.toMillis() + " ms; still trying", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (CompletionException e) {
            throw new IOException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
        }
    }

    @Override
    public void sendPing(String data) throws IOException {
        throw new IOException("/ping needs a plain connection; run without --reconnect");
    }

    @Override
    public void sendClose(int code, String reason) {
        socket.close();
        events.add(new Event.Closed(code, "closed by you"));
    }

    @Override
    public void close() {
        socket.close();
    }

    private record Listener(BlockingQueue<Event> events, CompletableFuture<Void> firstOpen)
            implements ReconnectingWebSocket.Listener {
        @Override
        public void onOpen(ReconnectingWebSocket socket, String protocol) {
            firstOpen.complete(null);
            events.add(new Event.Info("connected" + (protocol.isEmpty() ? "" : " (subprotocol " + protocol + ")")));
        }

        @Override
        public void onText(ReconnectingWebSocket socket, String text) {
            events.add(new Event.Text(text, 1));
        }

        @Override
        public void onBinary(ReconnectingWebSocket socket, byte[] data) {
            events.add(new Event.Binary(data, 1));
        }

        @Override
        public void onClose(ReconnectingWebSocket socket, int code, String reason) {
            events.add(new Event.Info("disconnected: " + code + (reason.isEmpty() ? "" : " " + reason)));
        }

        @Override
        public void onReconnecting(ReconnectingWebSocket socket, int attempt, Duration delay, Throwable cause) {
            events.add(new Event.Info("reconnecting in " + delay.toMillis() + " ms (attempt " + attempt + "): "
                    + cause.getMessage()));
        }
    }
}
