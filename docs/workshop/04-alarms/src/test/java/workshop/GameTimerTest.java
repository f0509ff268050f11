package workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Lab 4, a game timer: the alarm ends the countdown, whoever is looking and whatever became of the instance.
class GameTimerTest {

    @RegisterExtension
    static final SwitchboardExtension SB = SwitchboardExtension.fromConfig();

    @Test
    void theTimerCountsDownAndTheAlarmEndsIt(TestRuntime sb) {
        assertEquals("not started", sb.fetch("/timer/g").text());
        assertEquals("started: 30 s", sb.fetch("POST", "/timer/g?seconds=30").text());
        sb.advance(Duration.ofSeconds(10));
        assertEquals("running: 20 s left", sb.fetch("/timer/g").text());
        sb.advance(Duration.ofSeconds(20));
        assertEquals(1, sb.runDueAlarms(), "no alarm was due after 30 s: POST must setAlarm(endsAt) (TODO 3)");
        assertEquals("time's up", sb.fetch("/timer/g").text(), "the alarm must mark the game over (TODO 4)");
    }

    @Test
    void startingAgainReplacesTheTimer(TestRuntime sb) {
        sb.fetch("POST", "/timer/g?seconds=30");
        sb.advance(Duration.ofSeconds(20));
        sb.fetch("POST", "/timer/g?seconds=60");
        sb.advance(Duration.ofSeconds(15));
        assertEquals(0, sb.runDueAlarms(), "the first timer (due now) was replaced by the second");
        assertEquals("running: 45 s left", sb.fetch("/timer/g").text());
        sb.advance(Duration.ofSeconds(45));
        assertEquals(1, sb.runDueAlarms(), "no alarm was due when the second timer ended (TODO 3)");
        assertEquals("time's up", sb.fetch("/timer/g").text(), "the alarm must mark the game over (TODO 4)");
    }

    @Test
    void theAlarmFiresEvenAfterTheTimerWasEvictedFromMemory(TestRuntime sb) {
        sb.fetch("POST", "/timer/g?seconds=90");
        sb.evictIdle(); // moves time 70 s and drops the idle instance; storage and the alarm stay (S-ALM-2)
        sb.advance(Duration.ofSeconds(20));
        assertEquals(1, sb.runDueAlarms(), "the alarm is stored with the object, so it fires after an eviction"
                + " too, on a fresh instance (TODO 3)");
        assertEquals("time's up", sb.fetch("/timer/g").text(), "the alarm must mark the game over (TODO 4)");
    }
}
