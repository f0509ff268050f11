package workshop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import dev.switchboard.junit.TestSocket;
import dev.switchboard.worker.UpgradeRefusedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Lab 1, the echo server: what the worker and the room must do. Run with mvn -B -ntp verify.
class EchoTest {

    // The app as switchboard.jsonc binds it: EchoWorker in front, EchoRoom under "ECHO".
    @RegisterExtension
    static final SwitchboardExtension SB = SwitchboardExtension.fromConfig();

    @Test
    void aTextMessageComesBackToTheSender(TestRuntime sb) {
        try (TestSocket ann = connect(sb, "/echo/a/ws")) {
            ann.send("hello");
            assertEquals("hello", next(ann, "EchoRoom.webSocketMessage must send the message back (TODO 4)"));
        }
    }

    @Test
    void messagesComeBackInTheOrderTheyWereSent(TestRuntime sb) {
        try (TestSocket ann = connect(sb, "/echo/a/ws")) {
            for (int i = 0; i < 100; i++) {
                ann.send("message " + i);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("message " + i, next(ann, "every message must come back, in order (TODO 4)"));
            }
        }
    }

    @Test
    void aBinaryMessageComesBackAsBinary(TestRuntime sb) {
        try (TestSocket ann = connect(sb, "/echo/a/ws")) {
            ann.socket().send(new byte[] {1, 2, 3});
            WebSocketMessage back;
            try {
                back = ann.socket().receive(Duration.ofSeconds(10));
            } catch (IllegalStateException e) {
                throw new AssertionError("no echo of a binary message: send the WebSocketMessage itself back,"
                        + " ws.send(message), and it stays binary (TODO 4)", e);
            }
            var binary = assertInstanceOf(WebSocketMessage.Binary.class, back,
                    "a binary message must come back binary: ws.send(message), not ws.send(text)");
            assertArrayEquals(new byte[] {1, 2, 3}, binary.data());
        }
    }

    @Test
    void theEchoGoesOnlyToTheSenderNotToTheOthersInTheRoom(TestRuntime sb) {
        try (TestSocket ann = connect(sb, "/echo/a/ws"); TestSocket bob = connect(sb, "/echo/a/ws")) {
            ann.send("from ann");
            bob.send("from bob");
            assertEquals("from bob", next(bob, "bob must get his own message back (TODO 4)"),
                    "bob got someone else's message: send on ws, the socket the message came from, not to all");
            assertEquals("from ann", next(ann, "ann must get her own message back (TODO 4)"));
        }
    }

    @Test
    void aPlainGetOnTheWebSocketRouteIsAskedToUpgrade(TestRuntime sb) {
        var response = sb.fetch("/echo/a/ws");
        assertEquals(426, response.status(), "a GET without Upgrade: websocket must get 426 Upgrade Required"
                + " from the worker (TODO 1); it got: " + response.text());
    }

    @Test
    void anyOtherPathIsNotFound(TestRuntime sb) {
        assertEquals(404, sb.fetch("/nothing/here").status());
    }

    /** Opens a WebSocket through the worker, failing with what to do when the handshake is refused. */
    static TestSocket connect(TestRuntime sb, String path) {
        try {
            return sb.connect(path);
        } catch (UpgradeRefusedException e) {
            return fail("the handshake to " + path + " got " + e.status() + " \"" + e.body() + "\" instead of 101:"
                    + " the worker must pass it to the room (TODO 2), and the room must answer with"
                    + " Response.webSocket(pair.client()) (TODO 3)");
        }
    }

    /** Returns the next text message on {@code socket}, or fails with {@code hint} when none comes. */
    static String next(TestSocket socket, String hint) {
        try {
            return socket.awaitMessage();
        } catch (IllegalStateException e) {
            return fail(hint + " [" + e.getMessage() + "]");
        }
    }
}
