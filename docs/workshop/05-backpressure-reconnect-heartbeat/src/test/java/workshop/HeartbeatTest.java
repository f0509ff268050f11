package workshop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

// Lab 5, the client's heartbeat: a ping unanswered for longer than the timeout makes the connection stale.
class HeartbeatTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Heartbeat heartbeat = new Heartbeat(Duration.ofSeconds(10));

    @Test
    void withNoPingOutstandingTheConnectionIsNeverStale() {
        assertFalse(heartbeat.isStale(T0.plus(Duration.ofHours(1))));
    }

    @Test
    void aPingUnansweredForLongerThanTheTimeoutMakesItStale() {
        heartbeat.pingSent(T0);
        assertFalse(heartbeat.isStale(T0.plusSeconds(10)), "exactly the timeout is still in time");
        assertTrue(heartbeat.isStale(T0.plusSeconds(11)), "a ping unanswered for 11 s with a 10 s timeout is"
                + " stale: the client closes and reconnects (TODO 4)");
    }

    @Test
    void aPongInTimeKeepsTheConnectionFresh() {
        heartbeat.pingSent(T0);
        heartbeat.pongReceived();
        assertFalse(heartbeat.isStale(T0.plusSeconds(60)));
        heartbeat.pingSent(T0.plusSeconds(60));
        assertTrue(heartbeat.isStale(T0.plusSeconds(71)), "the next ping is timed from when it was sent (TODO 4)");
    }

    @Test
    void aSecondPingDoesNotRestartTheWaitForTheFirst() {
        heartbeat.pingSent(T0);
        heartbeat.pingSent(T0.plusSeconds(8));
        assertTrue(heartbeat.isStale(T0.plusSeconds(11)), "the first unanswered ping counts (TODO 4)");
    }
}
