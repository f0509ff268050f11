package dev.switchboard.examples.subprotocol;

import static dev.switchboard.examples.TextInbox.refusedStatus;
import static dev.switchboard.examples.TextInbox.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.examples.TextInbox;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

// Subprotocol agreement over a real socket, served as SubprotocolMain serves it, with the JDK's client.
class SubprotocolHandshakeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void protoRouteSelectsChatV2WhenOfferedElseChatV1() throws Exception {
        try (var server = SubprotocolMain.server().port(0).build().start()) {
            var both = new TextInbox().open(http.newWebSocketBuilder().subprotocols("chat.v1", "chat.v2"),
                    ws(server, "/proto/a/ws"));
            assertEquals("chat.v2", both.getSubprotocol());

            var inbox = new TextInbox();
            var v1 = inbox.open(http.newWebSocketBuilder().subprotocols("chat.v1"), ws(server, "/proto/a/ws"));
            assertEquals("chat.v1", v1.getSubprotocol());
            v1.sendText("hello", true);
            assertEquals("hello", inbox.next());
        }
    }

    @Test
    void protoRouteRefusesAClientOfferingNeitherWith400() {
        try (var server = SubprotocolMain.server().port(0).build().start()) {
            var route = ws(server, "/proto/a/ws");
            assertEquals(400, refusedStatus(http.newWebSocketBuilder().subprotocols("mqtt"), route));
            assertEquals(400, refusedStatus(http.newWebSocketBuilder(), route));
            assertTrue(server.runtime().durableObjects().objects().isEmpty(), "the room is never called");
        }
    }
}
