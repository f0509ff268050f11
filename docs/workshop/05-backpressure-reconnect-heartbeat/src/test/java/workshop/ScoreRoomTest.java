package workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import dev.switchboard.junit.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Lab 5, the score room: updates reach every reader; the heartbeat is answered without waking the room.
class ScoreRoomTest {

    @RegisterExtension
    static final SwitchboardExtension SB = SwitchboardExtension.fromConfig();

    @Test
    void everyUpdateReachesEveryReader(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/game/g/ws"); TestSocket bob = sb.connect("/game/g/ws")) {
            ann.send("ann 1 - 0 bob");
            assertEquals("ann 1 - 0 bob", ann.awaitMessage());
            assertEquals("ann 1 - 0 bob", bob.awaitMessage());
        }
    }

    @Test
    void pingIsAnsweredPongOnlyToTheSender(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/game/g/ws"); TestSocket bob = sb.connect("/game/g/ws")) {
            ann.send("ping");
            assertEquals("pong", ann.awaitMessage(), "the heartbeat must be answered \"pong\": set an auto-response"
                    + " in the constructor (TODO 1)");
            bob.send("ann 2 - 0 bob");
            assertEquals("ann 2 - 0 bob", bob.awaitMessage(), "bob must not see ann's heartbeat");
        }
    }

    @Test
    void aHeartbeatDoesNotWakeAHibernatedRoom(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/game/g/ws")) {
            assertEquals(1, sb.hibernateIdle(), "the idle room hibernates; its socket stays open");
            for (int i = 0; i < 3; i++) {
                ann.send("ping");
                assertEquals("pong", ann.awaitMessage(), "the runtime answers from the socket table (TODO 1)");
            }
            assertTrue(sb.events().stream().noneMatch(e -> e.kind() == LifecycleEvent.Kind.WOKEN),
                    "a heartbeat must not wake the room: " + sb.events());
        }
    }
}
