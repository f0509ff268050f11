package workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import dev.switchboard.junit.TestSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Lab 4, an expiring room: its alarm closes every socket after five silent minutes.
class ExpiringRoomTest {

    // Time moves only when a test says so (sb.advance), and alarms run only when it asks (sb.runDueAlarms).
    @RegisterExtension
    static final SwitchboardExtension SB = SwitchboardExtension.fromConfig();

    private static final String NO_ALARM = "no alarm was due: set one for EXPIRE_AFTER from ctx.clock().instant()"
            + " whenever someone joins or speaks (TODO 1)";

    @Test
    void aRoomSilentForFiveMinutesClosesEverySocketWith4000(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/r/ws"); TestSocket bob = sb.connect("/room/r/ws")) {
            sb.advance(Duration.ofMinutes(5));
            assertEquals(1, sb.runDueAlarms(), NO_ALARM);
            assertEquals(4000, ann.awaitClose().code(), "the alarm must close every socket with 4000 (TODO 2)");
            assertEquals(4000, bob.awaitClose().code(), "the alarm must close every socket with 4000 (TODO 2)");
        }
    }

    @Test
    void everyMessagePostponesTheEnd(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/r/ws")) {
            sb.advance(Duration.ofMinutes(4));
            ann.send("still here");
            assertEquals("still here", ann.awaitMessage());
            sb.advance(Duration.ofMinutes(4));
            assertEquals(0, sb.runDueAlarms(), "a message 4 minutes ago must move the end to 5 minutes after it:"
                    + " setAlarm again replaces the earlier alarm");
            sb.advance(Duration.ofMinutes(1));
            assertEquals(1, sb.runDueAlarms(), NO_ALARM);
            assertEquals(4000, ann.awaitClose().code(), "the alarm must close every socket with 4000 (TODO 2)");
        }
    }

    @Test
    void beforeFiveMinutesNothingHappens(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/r/ws")) {
            sb.advance(Duration.ofMinutes(4).plusSeconds(59));
            assertEquals(0, sb.runDueAlarms());
            ann.send("hello");
            assertEquals("hello", ann.awaitMessage());
        }
    }
}
