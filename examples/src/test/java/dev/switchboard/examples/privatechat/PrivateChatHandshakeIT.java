package dev.switchboard.examples.privatechat;

import static dev.switchboard.examples.TextInbox.refusedStatus;
import static dev.switchboard.examples.TextInbox.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.examples.TextInbox;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

// Auth at the handshake over a real socket, served as PrivateChatMain serves it, with the JDK's client.
class PrivateChatHandshakeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void privateRoomOpensWithTheTokenInTheQueryOrAsBearerHeader() throws Exception {
        try (var server = PrivateChatMain.server().port(0).build().start()) {
            var byQuery = new TextInbox();
            byQuery.open(http.newWebSocketBuilder(), ws(server, "/private/r/ws?user=ann&token=workshop"));
            assertTrue(byQuery.next().contains("\"type\":\"history\""));

            var byHeader = new TextInbox();
            byHeader.open(http.newWebSocketBuilder().header("Authorization", "Bearer workshop"),
                    ws(server, "/private/r/ws?user=bob"));
            assertTrue(byHeader.next().contains("\"type\":\"history\""));
        }
    }

    @Test
    void privateRoomRefusesAMissingOrWrongTokenWith401BeforeTheUpgrade() throws Exception {
        try (var server = PrivateChatMain.server().port(0).build().start()) {
            for (String path : new String[] {"/private/r/ws?user=ann", "/private/r/ws?user=ann&token=nope"}) {
                assertEquals(401, refusedStatus(http.newWebSocketBuilder(), ws(server, path)), path);
            }
            assertTrue(server.runtime().durableObjects().objects().isEmpty(), "the room is never called");

            // What curl -i shows: the JSON reason in the body.
            var plain = http.send(HttpRequest.newBuilder(server.url().resolve("/private/r/ws?token=nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, plain.statusCode());
            assertEquals("application/json", plain.headers().firstValue("content-type").orElseThrow());
            assertTrue(plain.body().startsWith("{\"error\":\"wrong token"), plain.body());
        }
    }
}
