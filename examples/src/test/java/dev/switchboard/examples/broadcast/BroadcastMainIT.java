package dev.switchboard.examples.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.examples.TextInbox;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

// The broadcast rooms served alone, as BroadcastMain serves them, with the JDK's WebSocket client.
class BroadcastMainIT {

    @Test
    void aMessageFromOneSocketReachesBothAndTheCountSeesThem() throws Exception {
        var http = HttpClient.newHttpClient();
        try (var server = BroadcastMain.server().port(0).build().start()) {
            var ann = new TextInbox();
            var bob = new TextInbox();
            var annSocket = ann.open(http.newWebSocketBuilder(), TextInbox.ws(server, "/broadcast/a/ws"));
            bob.open(http.newWebSocketBuilder(), TextInbox.ws(server, "/broadcast/a/ws"));

            var count = http.send(HttpRequest.newBuilder(server.url().resolve("/broadcast/a/count")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("2", count.body());
            annSocket.sendText("hello, room", true);
            assertEquals("hello, room", ann.next());
            assertEquals("hello, room", bob.next());
        }
    }
}
