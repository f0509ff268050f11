package workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import dev.switchboard.junit.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Lab 3, hibernation and attachments: the room forgets nothing when its instance is dropped.
class HibernationTest {

    // chaosHibernation(): the room hibernates after every event it can, so each message is handled
    // by a fresh instance, as in production after an idle spell. State kept in fields is lost here.
    @RegisterExtension
    static final SwitchboardExtension SB = SwitchboardExtension.fromConfig().chaosHibernation();

    private static final String NAMES_LOST = "the room forgot a name while it hibernated: keep it in the"
            + " socket's attachment, not in a field (TODO 1)";
    private static final String COUNT_LOST = "the line numbers started again after hibernation: keep the counter"
            + " in storage, not in a field (TODO 2)";

    @Test
    void theRoomKnowsWhoSaidWhatAfterItHibernated(TestRuntime sb) {
        try (TestSocket ann = join(sb, "ann"); TestSocket bob = join(sb, "bob")) {
            skip(ann, 1);
            bob.send("hello");
            assertEquals("#1 bob: hello", ann.awaitMessage(), NAMES_LOST);
            ann.send("hi bob");
            assertEquals("#2 ann: hi bob", ann.awaitMessage(), NAMES_LOST);
        }
    }

    @Test
    void aNewcomerIsToldEveryoneWhoIsHere(TestRuntime sb) {
        try (TestSocket bob = join(sb, "bob"); TestSocket ann = join(sb, "ann")) {
            try (TestSocket cy = sb.connect("/room/r/ws?user=cy")) {
                assertEquals("here: ann, bob, cy", cy.awaitMessage(), NAMES_LOST);
                assertEquals("cy joined", cy.awaitMessage());
            }
        }
    }

    @Test
    void theOthersAreToldTheRightNameWhenSomeoneLeaves(TestRuntime sb) {
        try (TestSocket ann = join(sb, "ann")) {
            TestSocket bob = join(sb, "bob");
            skip(ann, 1);
            bob.close();
            assertEquals("bob left", ann.awaitMessage(), NAMES_LOST);
        }
    }

    @Test
    void lineNumbersKeepCountingWhenTheRoomWakesUp(TestRuntime sb) {
        try (TestSocket ann = join(sb, "ann")) {
            for (int n = 1; n <= 3; n++) {
                ann.send("line");
                String line = ann.awaitMessage();
                assertTrue(line.startsWith("#" + n + " "), COUNT_LOST + "; got \"" + line + "\"");
            }
        }
    }

    @Test
    void lineNumbersSurviveEvenAnEvictionThatClosesEverySocket(TestRuntime sb) {
        try (TestSocket ann = join(sb, "ann")) {
            ann.send("before");
            assertTrue(ann.awaitMessage().startsWith("#1 "), COUNT_LOST);
        }
        sb.evictIdle();
        try (TestSocket bob = join(sb, "bob")) {
            bob.send("after");
            String line = bob.awaitMessage();
            assertTrue(line.startsWith("#2 "), "the counter belongs in storage, which outlives every instance and"
                    + " every socket (TODO 2); got \"" + line + "\"");
        }
    }

    @Test
    void theRoomReallyHibernatesBetweenMessagesInTheseTests(TestRuntime sb) {
        try (TestSocket ann = join(sb, "ann")) {
            ann.send("wake up");
            ann.awaitMessage();
        }
        assertTrue(sb.events().stream().anyMatch(e -> e.kind() == LifecycleEvent.Kind.WOKEN),
                "expected a fresh instance for the message: " + sb.events());
    }

    /** Connects {@code user} to room r and reads the two greetings: "here: …" and "… joined". */
    private static TestSocket join(TestRuntime sb, String user) {
        TestSocket socket = sb.connect("/room/r/ws?user=" + user);
        assertTrue(socket.awaitMessage().startsWith("here: "));
        assertEquals(user + " joined", socket.awaitMessage());
        return socket;
    }

    private static void skip(TestSocket socket, int count) {
        for (int i = 0; i < count; i++) {
            socket.awaitMessage();
        }
    }
}
