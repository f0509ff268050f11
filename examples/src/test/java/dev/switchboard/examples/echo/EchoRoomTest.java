package dev.switchboard.examples.echo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.examples.ExamplesHost;
import dev.switchboard.http.Request;
import dev.switchboard.http.WebSocketMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

// The echo room: each message back to its sender only, unchanged; the socket count; auto-response.
class EchoRoomTest {

    private static final String BASE = "http://127.0.0.1:8787";

    @Test
    void textAndBinaryMessagesGoBackToTheSenderOnlyUnchanged() throws Exception {
        try (var host = new ExamplesHost()) {
            var a = host.connect("/echo/a/ws");
            var b = host.connect("/echo/a/ws");

            a.send("{\"not\":\"parsed\"}");
            b.end().send(new byte[] {1, 2, 3});
            assertEquals("{\"not\":\"parsed\"}", a.receiveText());
            var binary = assertInstanceOf(WebSocketMessage.Binary.class, b.receive());
            assertArrayEquals(new byte[] {1, 2, 3}, binary.data());
            // A second message proves nothing else was queued for a before it.
            a.send("second");
            assertEquals("second", a.receiveText());
            assertTrue(b.nothingWaiting(), "the other socket of the room hears nothing");
        }
    }

    @Test
    void pingIsAnsweredWithoutWakingTheRoomAndAnEchoWakesIt() throws Exception {
        try (var host = new ExamplesHost()) {
            var a = host.connect("/echo/h/ws");
            host.idlePastHibernation();
            assertTrue(host.allHibernated("ECHO"));

            a.send("ping"); // S-HIB-6
            assertEquals("pong", a.receiveText());
            assertTrue(host.allHibernated("ECHO"), "the auto-response did not wake the room");
            a.send("after"); // S-HIB-4: the socket stayed open and wakes a fresh instance
            assertEquals("after", a.receiveText());
            assertEquals(2, host.objects("ECHO").get(0).generation());
        }
    }

    @Test
    void countFollowsOpensAndClosesAndOtherRequestsAreRefused() throws Exception {
        try (var host = new ExamplesHost()) {
            var count = Request.get(BASE + "/echo/c/count");
            var a = host.connect("/echo/c/ws");
            host.connect("/echo/c/ws");
            host.connect("/echo/elsewhere/ws");
            assertEquals("2", host.fetch(count).text());

            a.close();
            // The room learns of the close in a turn of its own; the count follows it.
            await().atMost(Duration.ofSeconds(5)).until(() -> host.fetch(count).text().equals("1"));
            assertEquals(426, host.fetch(Request.get(BASE + "/echo/c/ws")).status());
            assertEquals(404, host.fetch(Request.get(BASE + "/echo/c/other")).status());
            assertEquals(404, host.fetch(Request.get(BASE + "/echo//ws")).status());
        }
    }
}
