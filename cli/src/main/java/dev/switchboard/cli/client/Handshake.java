package dev.switchboard.cli.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How a {@link ReconnectingWebSocket} opens each of its connections: the same address, client,
 * headers, subprotocols and time limit for every attempt. Immutable, so any thread may use it.
 */
record Handshake(URI uri, HttpClient http, Map<String, String> headers, List<String> subprotocols,
                 Duration connectTimeout) {

    /** Copies the headers and subprotocols, so later changes to a builder do not leak in. */
    Handshake {
        headers = Map.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
    }

    /** Starts one attempt; the future fails, with the JDK's exception, if the handshake does. */
    CompletableFuture<WebSocket> start(WebSocket.Listener listener) {
        var builder = http.newWebSocketBuilder().connectTimeout(connectTimeout);
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            String[] rest = subprotocols.subList(1, subprotocols.size()).toArray(String[]::new);
            builder.subprotocols(subprotocols.get(0), rest);
        }
        return builder.buildAsync(uri, listener);
    }
}
