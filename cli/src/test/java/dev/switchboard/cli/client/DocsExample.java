package dev.switchboard.cli.client;

import java.net.URI;
import java.time.Duration;

/** The client as docs/protocol.md shows it; compiled here so the page never shows code that does not build. */
final class DocsExample {

    private DocsExample() {
    }

    static ReconnectingWebSocket connect() {
        // region reconnecting-client
        var client = ReconnectingWebSocket.builder(URI.create("ws://127.0.0.1:8787/broadcast/a/ws"))
                .backoff(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10)))
                .heartbeat("ping", "pong", Duration.ofSeconds(25), Duration.ofSeconds(10))
                .listener(new ReconnectingWebSocket.Listener() {
                    @Override
                    public void onText(ReconnectingWebSocket socket, String text) {
                        System.out.println("< " + text);
                    }
                })
                .build()
                .connect();
        // endregion
        return client;
    }
}
