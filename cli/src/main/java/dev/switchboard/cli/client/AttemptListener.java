package dev.switchboard.cli.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * The JDK listener of one connection attempt of a {@link ReconnectingWebSocket}: it reassembles
 * fragments, takes heartbeat replies out, and passes whole messages and closes on to the user's
 * listener while its attempt is still the current generation. That check is what makes a
 * connection the client has given up on harmless: the JDK may still call this listener after the
 * client dropped it and opened the next one.
 *
 * <p>Threads: the JDK calls one method at a time, on its own threads; the loop does the locking.
 */
final class AttemptListener implements WebSocket.Listener {

    private final ReconnectLoop loop;
    private final ReconnectingWebSocket client;
    private final ReconnectingWebSocket.Listener listener;
    private final Heartbeat heartbeat; // null without a heartbeat
    private final int gen;
    private final Reassembly reassembly = new Reassembly();

    AttemptListener(ReconnectLoop loop, ReconnectingWebSocket client, ReconnectingWebSocket.Listener listener,
                    Heartbeat heartbeat, int gen) {
        this.loop = loop;
        this.client = client;
        this.listener = listener;
        this.heartbeat = heartbeat;
        this.gen = gen;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        reassembly.text(data, last).ifPresent(message -> {
            if (heartbeat != null && heartbeat.takeReply(message)) {
                return;
            }
            if (loop.isCurrent(gen)) {
                listener.onText(client, message);
            }
        });
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        reassembly.binary(data, last).ifPresent(message -> {
            if (loop.isCurrent(gen)) {
                listener.onBinary(client, message);
            }
        });
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        if (loop.isCurrent(gen)) {
            listener.onClose(client, statusCode, reason);
            loop.dropped(gen, null, new IllegalStateException("closed by the server: " + statusCode
                    + (reason.isEmpty() ? "" : " " + reason)), false);
        }
        return null; // the JDK answers the Close frame
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        loop.dropped(gen, socket, error, true);
    }
}
