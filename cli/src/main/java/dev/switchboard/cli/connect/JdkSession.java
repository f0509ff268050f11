package dev.switchboard.cli.connect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Session} on the JDK's {@link java.net.http.WebSocket}: whole messages, pings answered by
 * the JDK, the closing handshake done for us. It cannot show frames or the 101's headers (the JDK
 * keeps them); {@link FrameSession} can.
 */
public final class JdkSession implements Session {

    private final WebSocket socket;

    private JdkSession(WebSocket socket) {
        this.socket = socket;
    }

    /**
     * Opens {@code uri} and reports to {@code events}.
     *
     * @throws HandshakeRefusedException when the server answered with something other than 101
     * @throws IOException when the connection cannot be made or the handshake takes over {@code timeout}
     */
    public static JdkSession open(URI uri, List<Map.Entry<String, String>> headers, List<String> subprotocols,
                                  Duration timeout, BlockingQueue<Event> events) throws IOException {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(h -> builder.header(h.getKey(), h.getValue()));
        if (!subprotocols.isEmpty()) {
            String[] rest = subprotocols.subList(1, subprotocols.size()).toArray(String[]::new);
            builder.subprotocols(subprotocols.get(0), rest);
        }
        try {
            WebSocket socket = builder.buildAsync(uri, new Listener(events))
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            return new JdkSession(socket);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof WebSocketHandshakeException refused) {
                var response = refused.getResponse();
                List<Map.Entry<String, String>> answered = new ArrayList<>();
                response.headers().map().forEach((name, values) -> values.forEach(
                        v -> answered.add(new AbstractMap.SimpleImmutableEntry<>(name, v))));
                String body = response.body() instanceof String s ? s : "";
                var handshake = new Handshake(response.statusCode(), "HTTP/1.1 " + response.statusCode(), answered,
                        body);
                throw new HandshakeRefusedException(handshake, "upgrade refused: HTTP " + response.statusCode()
                        + (body.isBlank() ? "" : " " + body.strip().replace('\n', ' ')));
            }
            throw cause instanceof IOException io ? io : new IOException(describe(cause), cause);
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + uri + " within " + timeout.multipliedBy(2).toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + uri, e);
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** Returns the agreed subprotocol, or "". */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    @Override
    public void sendText(String text) throws IOException {
        join(socket.sendText(text, true));
    }

    @Override
    public void sendPing(String data) throws IOException {
        join(socket.sendPing(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public void sendClose(int code, String reason) throws IOException {
        join(socket.sendClose(code, reason));
    }

    private static void join(java.util.concurrent.CompletableFuture<WebSocket> sent) throws IOException {
        try {
            sent.join();
        } catch (CompletionException e) {
            throw new IOException(describe(e.getCause() != null ? e.getCause() : e), e);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Reassembles messages the JDK hands over in parts and reports them. */
    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Event> events;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private int parts;

        Listener(BlockingQueue<Event> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            parts++;
            if (last) {
                events.add(new Event.Text(text.toString(), parts));
                text.setLength(0);
                parts = 0;
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            parts++;
            if (last) {
                events.add(new Event.Binary(binary.toByteArray(), parts));
                binary.reset();
                parts = 0;
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            events.add(new Event.Closed(code, reason));
            return null; // the JDK then answers with a Close of its own
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            events.add(new Event.Closed(1006, describe(error)));
        }
    }
}
