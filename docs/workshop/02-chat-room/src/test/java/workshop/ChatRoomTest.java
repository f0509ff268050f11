package workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import dev.switchboard.junit.TestSocket;
import dev.switchboard.worker.UpgradeRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Lab 2, the chat room: joins, lines and leaves reach everyone in the room, and only that room.
class ChatRoomTest {

    @RegisterExtension
    static final SwitchboardExtension SB = SwitchboardExtension.fromConfig();

    @Test
    void everyoneInTheRoomIsToldWhoJoined(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/r/ws?user=ann")) {
            assertEquals("ann joined", ann.awaitMessage());
            try (TestSocket bob = sb.connect("/room/r/ws?user=bob")) {
                assertEquals("bob joined", bob.awaitMessage());
                assertEquals("bob joined", ann.awaitMessage());
            }
        }
    }

    @Test
    void aLineReachesEveryoneWithTheSendersNameTheSenderToo(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/r/ws?user=ann"); TestSocket bob = sb.connect("/room/r/ws?user=bob")) {
            skipJoins(ann, 2);
            skipJoins(bob, 1);
            ann.send("hi");
            assertEquals("ann: hi", ann.awaitMessage(), "the sender gets the line too, with her name (TODO 2)");
            assertEquals("ann: hi", next(bob, "bob must get ann's line: send to every socket of the room (TODO 2)"));
        }
    }

    @Test
    void theOthersAreToldWhoLeft(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/r/ws?user=ann")) {
            skipJoins(ann, 1);
            TestSocket bob = sb.connect("/room/r/ws?user=bob");
            skipJoins(ann, 1);
            bob.close();
            assertEquals("bob left", next(ann, "when bob closes, webSocketClose must tell the others (TODO 3)"));
            ann.send("still here");
            assertEquals("ann: still here", ann.awaitMessage());
        }
    }

    @Test
    void twoRoomsShareNothing(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/a/ws?user=ann"); TestSocket cy = sb.connect("/room/b/ws?user=cy")) {
            skipJoins(ann, 1);
            skipJoins(cy, 1);
            ann.send("in a");
            cy.send("in b");
            assertEquals("cy: in b", cy.awaitMessage(), "cy is alone in room b: the only line she gets is hers");
            assertEquals("ann: in a", ann.awaitMessage());
        }
    }

    @Test
    void aHandshakeWithoutAUserNameIsRefusedWith400(TestRuntime sb) {
        for (String path : new String[] {"/room/r/ws", "/room/r/ws?user=", "/room/r/ws?user=%20%20"}) {
            try (TestSocket nobody = sb.connect(path)) {
                fail(path + " was accepted: the worker must answer 400 when ?user= is missing or blank (TODO 1)");
            } catch (UpgradeRefusedException refused) {
                assertEquals(400, refused.status(), path + ": " + refused.body());
                assertTrue(sb.listIds("ROOMS").isEmpty(), "the worker refuses before the room is called");
            }
        }
    }

    private static void skipJoins(TestSocket socket, int count) {
        for (int i = 0; i < count; i++) {
            assertTrue(socket.awaitMessage().endsWith(" joined"));
        }
    }

    private static String next(TestSocket socket, String hint) {
        try {
            return socket.awaitMessage();
        } catch (IllegalStateException e) {
            return fail(hint + " [" + e.getMessage() + "]");
        }
    }
}
