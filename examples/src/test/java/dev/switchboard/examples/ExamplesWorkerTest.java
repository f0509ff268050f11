package dev.switchboard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.http.Request;
import org.junit.jupiter.api.Test;

// The examples' routes: the page, 426 for plain requests to /ws routes, 404 for unknown paths, shared rooms.
class ExamplesWorkerTest {

    @Test
    void rootServesTheChatPageWithItsStableElementIds() throws Exception {
        try (var host = new ExamplesHost()) {
            var response = host.fetch(Request.get("http://127.0.0.1:8787/?room=r&user=ann"));
            assertEquals(200, response.status());
            assertTrue(response.headers().get("content-type").orElseThrow().startsWith("text/html"));
            for (String id : new String[] {"id=\"message\"", "id=\"messages\"", "id=\"users\"", "id=\"state\""}) {
                assertTrue(response.text().contains(id), "page lacks " + id);
            }
        }
    }

    @Test
    void plainRequestsToWebSocketRoutesGet426() throws Exception {
        try (var host = new ExamplesHost()) {
            // S-WS-1: a non-upgrade request to a WebSocket route gets 426 in the examples.
            assertEquals(426, host.fetch(Request.get("http://127.0.0.1:8787/room/r/ws?user=ann")).status());
            assertEquals(426, host.fetch(Request.get("http://127.0.0.1:8787/broadcast/a/ws")).status());
            for (String path : new String[] {"/presence/r/ws", "/doc/d/ws", "/lobby/l/ws?player=ann"}) {
                assertEquals(426, host.fetch(Request.get("http://127.0.0.1:8787" + path)).status(), path);
            }
            assertTrue(host.runtime().objects().isEmpty(), "a refused request constructs no room");
        }
    }

    @Test
    void unknownPathsGet404() throws Exception {
        try (var host = new ExamplesHost()) {
            for (String path : new String[] {"/nope", "/room/r", "/room/r/ws/extra", "/broadcast/a/size", "/broadcast//ws",
                    "/private/r", "/private//ws", "/proto/a", "/proto/a/ws/extra", "/presence/", "/presence/r/ws/x",
                    "/doc//ws", "/doc/d/other", "/limited/k/more", "/lobby/", "/lobby/l/other"}) {
                assertEquals(404, host.fetch(Request.get("http://127.0.0.1:8787" + path)).status(), path);
            }
        }
    }

    @Test
    void protoAndBroadcastRoutesOfOneNameReachTheSameRoom() throws Exception {
        try (var host = new ExamplesHost()) {
            var proto = TestSocket.of(host.fetch(Request.webSocketUpgrade("http://127.0.0.1:8787/proto/a/ws")
                    .withHeader("sec-websocket-protocol", "chat.v1")));
            var plain = host.connect("/broadcast/a/ws");
            proto.send("one room");
            assertEquals("one room", plain.receiveText());
            assertEquals(1, host.objects("BROADCAST").size());
        }
    }

    @Test
    void theNewerExamplesServeTheirPagesBesideTheChat() throws Exception {
        try (var host = new ExamplesHost()) {
            String[][] pages = {{"/presence/r", "id=\"board\""}, {"/doc/d", "id=\"text\""}, {"/limited", "id=\"log\""},
                {"/lobby/l", "id=\"matches\""}};
            for (String[] page : pages) {
                var response = host.fetch(Request.get("http://127.0.0.1:8787" + page[0]));
                assertEquals(200, response.status(), page[0]);
                assertTrue(response.text().contains(page[1]), page[0] + " lacks " + page[1]);
            }
            assertTrue(host.runtime().objects().isEmpty(), "a page constructs no object");
            assertEquals(200, host.fetch(Request.get("http://127.0.0.1:8787/limited/k")).status());
            assertEquals(1, host.objects("LIMITERS").size(), "the limited route reaches its binding");
        }
    }

    @Test
    void chatHandshakeWithoutAUserNameIsRefusedWith400() throws Exception {
        try (var host = new ExamplesHost()) {
            var response = host.fetch(Request.webSocketUpgrade("http://127.0.0.1:8787/room/r/ws"));
            assertEquals(400, response.status());
            assertTrue(response.text().contains("user"), response.text());
        }
    }
}
