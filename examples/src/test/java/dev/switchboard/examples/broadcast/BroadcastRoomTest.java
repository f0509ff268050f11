package dev.switchboard.examples.broadcast;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.examples.ExamplesHost;
import dev.switchboard.examples.TestSocket;
import dev.switchboard.http.Request;
import dev.switchboard.http.WebSocketMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

// The broadcast room: verbatim fan-out to every socket, the socket count, auto-response.
class BroadcastRoomTest {

    @Test
    void textAndBinaryMessagesReachEverySocketIncludingTheSenderUnchanged() throws Exception {
        try (var host = new ExamplesHost()) {
            var a = host.connect("/broadcast/a/ws");
            var b = host.connect("/broadcast/a/ws");
            var other = host.connect("/broadcast/other/ws");

            a.send("{\"not\":\"parsed\"}");
            b.end().send(new byte[] {1, 2, 3});
            for (TestSocket socket : List.of(a, b)) {
                assertEquals("{\"not\":\"parsed\"}", socket.receiveText());
                var binary = assertInstanceOf(WebSocketMessage.Binary.class, socket.receive());
                assertArrayEquals(new byte[] {1, 2, 3}, binary.data());
            }
            assertTrue(other.nothingWaiting(), "another room hears nothing");
        }
    }

    @Test
    void countAnswersTheNumberOfOpenSocketsAsPlainText() throws Exception {
        try (var host = new ExamplesHost()) {
            var count = Request.get("http://127.0.0.1:8787/broadcast/a/count");
            assertEquals("0", host.fetch(count).text());
            var a = host.connect("/broadcast/a/ws");
            host.connect("/broadcast/a/ws");
            assertEquals("2", host.fetch(count).text());
            assertTrue(host.fetch(count).headers().get("content-type").orElseThrow().startsWith("text/plain"));

            a.close();
            // The room learns of the close in a turn of its own; the count follows it.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> host.fetch(count).text().equals("1"));
        }
    }

    @Test
    void pingIsAnsweredPongWithoutReachingOtherSockets() throws Exception {
        try (var host = new ExamplesHost()) {
            var a = host.connect("/broadcast/a/ws");
            var b = host.connect("/broadcast/a/ws");

            a.send("ping"); // S-HIB-6
            assertEquals("pong", a.receiveText());
            a.send("after");
            assertEquals("after", b.receiveText(), "the ping was not broadcast");
        }
    }
}
