package dev.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.http.Headers;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketListener;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import dev.switchboard.http.spi.InlineTurns;
import dev.switchboard.http.spi.WebSocketConnection;
import dev.switchboard.http.spi.WebSocketTransport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// docs/api.md, packages dev.switchboard.http and dev.switchboard.http.spi: every snippet runs here.
class HttpApiTourTest {

    @Test
    void headersAreImmutableAndCaseInsensitive() {
        // region Headers
        Headers headers = Headers.of("Content-Type", "text/plain", "X-Room", "lobby");
        Headers more = headers.with("x-room", "kitchen").without("content-type");
        assertEquals(Optional.of("lobby"), headers.get("x-room"));
        assertEquals(List.of("kitchen"), more.getAll("X-Room"));   // with() replaces, without() removes
        // endregion Headers
        assertTrue(more.get("Content-Type").isEmpty());
    }

    @Test
    void requestsAndResponsesAreValues() {
        // region Request
        Request request = Request.post("http://app/rooms/lobby?user=ann", "hello")
                .withHeader("Authorization", "Bearer t");
        assertEquals("/rooms/lobby", request.path());
        assertEquals(Optional.of("ann"), request.query("user"));
        assertEquals("hello", request.text());
        assertTrue(Request.webSocketUpgrade("http://app/rooms/lobby/ws").isWebSocketUpgrade());
        // endregion Request
        // region Response
        Response ok = Response.json("{\"ok\":true}");
        Response missing = Response.text(404, "no such room");
        Response upgrade = Response.webSocket(new WebSocketPair().client()); // 101, carries the client end
        assertEquals(200, ok.status());
        assertEquals("no such room", missing.text());
        assertTrue(upgrade.webSocketEnd().isPresent());
        // endregion Response
    }

    @Test
    void aPairConnectsTwoEndsAndAListenerHearsOne() {
        var heard = Collections.synchronizedList(new ArrayList<String>());
        // region WebSocketPair
        var pair = new WebSocketPair();
        WebSocket client = pair.client();   // goes back in a 101 Response
        WebSocket server = pair.server();   // kept (or accepted by an object with ctx.acceptWebSocket)
        // endregion WebSocketPair
        // region WebSocketListener
        server.accept(new WebSocketListener() {
            @Override
            public void onMessage(WebSocket ws, WebSocketMessage message) {
                heard.add(((WebSocketMessage.Text) message).text());
            }

            @Override
            public void onClose(WebSocket ws, int code, String reason, boolean wasClean) {
                heard.add("closed " + code);
            }
        });
        // endregion WebSocketListener
        client.accept(new WebSocketListener() { });
        // region WebSocket
        client.send("hi");
        client.serializeAttachment("ann");                 // kept with the socket, at most 16 KiB
        Optional<String> who = client.deserializeAttachment(String.class);
        client.close(1000, "bye");
        WebSocket.ReadyState state = client.readyState();  // CLOSED once the close is sent
        // endregion WebSocket
        assertEquals(Optional.of("ann"), who);
        assertEquals(WebSocket.ReadyState.CLOSED, state);
        assertEquals(List.of("hi", "closed 1000"), heard);
    }

    @Test
    void messagesAreTextOrBinary() {
        // region WebSocketMessage
        WebSocketMessage message = WebSocketMessage.text("héllo");
        String described = message instanceof WebSocketMessage.Text t
                ? "text of " + t.utf8().length + " bytes"               // sealed: Text or Binary
                : "binary of " + ((WebSocketMessage.Binary) message).data().length + " bytes";
        // endregion WebSocketMessage
        assertEquals("text of 6 bytes", described);
        assertEquals(3, WebSocketMessage.binary(new byte[3]).size());
    }

    @Test
    void anInMemorySocketPlaysTheBrowser() throws Exception {
        var pair = new WebSocketPair();
        pair.server().accept(new WebSocketListener() {
            @Override
            public void onMessage(WebSocket ws, WebSocketMessage message) {
                ws.send("echo: " + ((WebSocketMessage.Text) message).text());
            }
        });
        // region InMemoryWebSocket
        InMemoryWebSocket browser = InMemoryWebSocket.couple(URI.create("ws://app/echo"), pair.client(), null);
        browser.send("ping?");
        assertEquals("echo: ping?", browser.receiveText(Duration.ofSeconds(5)));
        pair.server().close(1000, "done");
        InMemoryWebSocket.CloseEvent closed = browser.closed().get(5, TimeUnit.SECONDS);
        // endregion InMemoryWebSocket
        assertEquals(1000, closed.code());
    }

    @Test
    void aFrontDoorCouplesAClientEndToItsTransport() {
        var wire = Collections.synchronizedList(new ArrayList<String>());
        var pair = new WebSocketPair();
        pair.server().accept(new WebSocketListener() {
            @Override
            public void onMessage(WebSocket ws, WebSocketMessage message) {
                ws.send("got " + ((WebSocketMessage.Text) message).text());
            }
        });
        // region WebSocketTransport
        WebSocketTransport transport = new WebSocketTransport() {   // what a network front door writes to
            @Override
            public void send(WebSocketMessage message) {
                wire.add(new String(((WebSocketMessage.Text) message).utf8(), StandardCharsets.UTF_8));
            }

            @Override
            public void close(int code, String reason) {
                wire.add("close " + code);
            }

            @Override
            public long bufferedAmount() {
                return 0;
            }
        };
        // endregion WebSocketTransport
        // region WebSocketConnection
        WebSocketConnection connection = WebSocketPair.couple(pair.client(), transport);
        connection.receive(WebSocketMessage.text("a frame from the network"));
        connection.receiveClose(1000, "client left");
        // endregion WebSocketConnection
        assertEquals(List.of("got a frame from the network", "close 1000"), wire);
    }

    @Test
    void aNetworkThreadMarksItselfSoShortTurnsRunOnIt() throws Exception {
        var budget = new java.util.concurrent.atomic.AtomicReference<InlineTurns.Budget>();
        var thread = new Thread(() -> {
            // region InlineTurns
            InlineTurns.markDeliveringThread();               // once per network IO thread, before it delivers
            InlineTurns.Budget mine = InlineTurns.here();     // what the runtime asks on each delivery
            // endregion InlineTurns
            budget.set(mine);
        });
        thread.start();
        thread.join();
        assertEquals(InlineTurns.ENABLED, budget.get() != null);
    }
}
