package dev.switchboard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.examples.broadcast.BroadcastRoom;
import dev.switchboard.examples.chat.ChatRoom;
import dev.switchboard.worker.WorkerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Auth and subprotocols at the handshake over a real socket, with the JDK's WebSocket client.
class HandshakeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private WorkerServer server;

    @BeforeEach
    void start() {
        server = WorkerServer.builder()
                .worker(new ExamplesWorker())
                .durableObject("ROOMS", ChatRoom::new)
                .durableObject("PRIVATE_ROOMS", ChatRoom::new)
                .durableObject("BROADCAST", BroadcastRoom::new)
                .port(0)
                .build()
                .start();
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
        http.newWebSocketBuilder().buildAsync(ws("/private/r/ws?user=ann&token=workshop"), byQuery)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(byQuery.next().contains("\"type\":\"history\""));

        var byHeader = new TextInbox();
        http.newWebSocketBuilder().header("Authorization", "Bearer workshop")
                .buildAsync(ws("/private/r/ws?user=bob"), byHeader).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(byHeader.next().contains("\"type\":\"history\""));
    }

    @Test
    void privateRoomRefusesAMissingOrWrongTokenWith401BeforeTheUpgrade() throws Exception {
        assertEquals(401, refusedStatus(http.newWebSocketBuilder(), "/private/r/ws?user=ann"));
        assertEquals(401, refusedStatus(http.newWebSocketBuilder(), "/private/r/ws?user=ann&token=nope"));
        assertTrue(server.runtime().durableObjects().objects().isEmpty(), "the room is never called");

        // What curl -i shows: the JSON reason in the body.
        var plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/private/r/ws?token=nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, plain.statusCode());
        assertEquals("application/json", plain.headers().firstValue("content-type").orElseThrow());
        assertTrue(plain.body().startsWith("{\"error\":\"wrong token"), plain.body());
    }

    @Test
    void protoRouteSelectsChatV2WhenOfferedElseChatV1() throws Exception {
        WebSocket both = http.newWebSocketBuilder().subprotocols("chat.v1", "chat.v2")
                .buildAsync(ws("/proto/a/ws"), new TextInbox()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("chat.v2", both.getSubprotocol());

        var inbox = new TextInbox();
        WebSocket v1 = http.newWebSocketBuilder().subprotocols("chat.v1")
                .buildAsync(ws("/proto/a/ws"), inbox).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("chat.v1", v1.getSubprotocol());
        v1.sendText("hello", true);
        assertEquals("hello", inbox.next());
    }

    @Test
    void protoRouteRefusesAClientOfferingNeitherWith400() throws Exception {
        assertEquals(400, refusedStatus(http.newWebSocketBuilder().subprotocols("mqtt"), "/proto/a/ws"));
        assertEquals(400, refusedStatus(http.newWebSocketBuilder(), "/proto/a/ws"));
        assertTrue(server.runtime().durableObjects().objects().isEmpty(), "the room is never called");
    }

    private int refusedStatus(WebSocket.Builder builder, String path) throws Exception {
        var failure = assertThrows(ExecutionException.class,
                () -> builder.buildAsync(ws(path), new TextInbox()).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, failure.getCause()).getResponse().statusCode();
    }
}
