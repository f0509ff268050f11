package dev.switchboard.examples.privatechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.examples.TextInbox;
import dev.switchboard.worker.WorkerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Auth at the handshake over a real socket, served as PrivateChatMain serves it, with the JDK's client.
class PrivateChatHandshakeIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private WorkerServer server;

    @BeforeEach
    void start() {
        server = PrivateChatMain.server().port(0).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void privateRoomOpensWithTheTokenInTheQueryOrAsBearerHeader() throws Exception {
        var byQuery = new TextInbox();
        byQuery.open(http.newWebSocketBuilder(), ws("/private/r/ws?user=ann&token=workshop"));
        assertTrue(byQuery.next().contains("\"type\":\"history\""));

        var byHeader = new TextInbox();
        byHeader.open(http.newWebSocketBuilder().header("Authorization", "Bearer workshop"),
                ws("/private/r/ws?user=bob"));
        assertTrue(byHeader.next().contains("\"type\":\"history\""));
    }

    @Test
    void privateRoomRefusesAMissingOrWrongTokenWith401BeforeTheUpgrade() throws Exception {
        for (String path : new String[] {"/private/r/ws?user=ann", "/private/r/ws?user=ann&token=nope"}) {
            assertEquals(401, TextInbox.refusedStatus(http.newWebSocketBuilder(), ws(path)), path);
        }
        assertTrue(server.runtime().durableObjects().objects().isEmpty(), "the room is never called");

        // What curl -i shows: the JSON reason in the body.
        var plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/private/r/ws?token=nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, plain.statusCode());
        assertEquals("application/json", plain.headers().firstValue("content-type").orElseThrow());
        assertTrue(plain.body().startsWith("{\"error\":\"wrong token"), plain.body());
    }
}
