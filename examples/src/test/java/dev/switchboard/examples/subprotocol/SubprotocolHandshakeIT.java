package dev.switchboard.examples.subprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.examples.TextInbox;
import dev.switchboard.worker.WorkerServer;
import java.net.URI;
import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Subprotocol agreement over a real socket, served as SubprotocolMain serves it, with the JDK's client.
class SubprotocolHandshakeIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private WorkerServer server;

    @BeforeEach
    void start() {
        server = SubprotocolMain.server().port(0).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void protoRouteSelectsChatV2WhenOfferedElseChatV1() throws Exception {
        var both = new TextInbox().open(http.newWebSocketBuilder().subprotocols("chat.v1", "chat.v2"),
                ws("/proto/a/ws"));
        assertEquals("chat.v2", both.getSubprotocol());

        var inbox = new TextInbox();
        var v1 = inbox.open(http.newWebSocketBuilder().subprotocols("chat.v1"), ws("/proto/a/ws"));
        assertEquals("chat.v1", v1.getSubprotocol());
        v1.sendText("hello", true);
        assertEquals("hello", inbox.next());
    }

    @Test
    void protoRouteRefusesAClientOfferingNeitherWith400() {
        assertEquals(400, TextInbox.refusedStatus(http.newWebSocketBuilder().subprotocols("mqtt"), ws("/proto/a/ws")));
        assertEquals(400, TextInbox.refusedStatus(http.newWebSocketBuilder(), ws("/proto/a/ws")));
        assertTrue(server.runtime().durableObjects().objects().isEmpty(), "the room is never called");
    }
}
