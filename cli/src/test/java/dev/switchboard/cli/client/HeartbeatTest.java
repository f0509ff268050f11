package dev.switchboard.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

// Client heartbeat: pings on the scheduler, counts replies, declares a silent connection dead.
class HeartbeatTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Object lock = new Object();
    private final List<String> sent = new ArrayList<>();
    private final List<String> deaths = new ArrayList<>();
    private final Heartbeat heartbeat = new Heartbeat(
            new Heartbeat.Settings("ping", "pong", Duration.ofSeconds(25), Duration.ofSeconds(10)),
            scheduler, lock, sent::add, (gen, cause) -> deaths.add(gen + ": " + cause.getMessage()));

    private void start(int gen) {
        synchronized (lock) {
            heartbeat.start(gen);
        }
    }

    private void stop() {
        synchronized (lock) {
            heartbeat.stop();
        }
    }

    @Test
    void theFirstPingGoesOneIntervalAfterTheStart() {
        start(1);
        scheduler.advance(Duration.ofSeconds(24));
        assertTrue(sent.isEmpty());
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of("ping"), sent);
    }

    @Test
    void aPingWithoutReplyWithinTheTimeoutDeclaresItsGenerationDead() {
        start(7);
        scheduler.advance(Duration.ofSeconds(25));
        heartbeat.takeReply("not the reply");
        scheduler.advance(Duration.ofSeconds(9));
        assertTrue(deaths.isEmpty(), "not dead before the timeout");
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of("7: no \"pong\" within PT10S of sending \"ping\": the connection is dead"), deaths);
    }

    @Test
    void anAnsweredPingIsCountedAndTheNextGoesOneIntervalAfterIt() {
        start(1);
        scheduler.advance(Duration.ofSeconds(25));
        assertTrue(heartbeat.takeReply("pong"));
        assertFalse(heartbeat.takeReply("a message"), "only the reply is taken out");
        assertEquals(1, heartbeat.answered());

        scheduler.advance(Duration.ofSeconds(24));
        assertEquals(1, sent.size(), "the next ping waits a whole interval from the last");
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(2, sent.size());
        assertTrue(deaths.isEmpty());
    }

    @Test
    void stopCancelsThePendingStep() {
        start(1);
        scheduler.advance(Duration.ofSeconds(25));
        stop();
        assertEquals(0, scheduler.waiting(), "the timeout check is cancelled");
        scheduler.advance(Duration.ofMinutes(5));
        assertEquals(List.of("ping"), sent);
        assertTrue(deaths.isEmpty());
    }

    @Test
    void aStepOfAnEndedGenerationThatRunsDespiteItsCancelDoesNothing() {
        List<Runnable> due = new ArrayList<>();
        Scheduler tooLateToCancel = (delay, task) -> {
            due.add(task);
            return () -> { }; // the task had already started when cancel came
        };
        var capturing = new Heartbeat(new Heartbeat.Settings("ping", "pong", Duration.ofSeconds(1),
                Duration.ofSeconds(1)), tooLateToCancel, lock, sent::add, (gen, cause) -> deaths.add("dead " + gen));
        synchronized (lock) {
            capturing.start(2);
            capturing.stop();
            capturing.start(3); // the connection of generation 3 replaced generation 2
        }
        due.get(0).run(); // generation 2's ping
        assertTrue(sent.isEmpty(), "no ping for an ended generation");
        due.get(1).run(); // generation 3's ping
        assertEquals(List.of("ping"), sent);
    }

    @Test
    void aTimeoutLongerThanTheIntervalSendsTheNextPingRightAfterTheCheck() {
        var slow = new Heartbeat(
                new Heartbeat.Settings("ping", "pong", Duration.ofSeconds(5), Duration.ofSeconds(8)), scheduler,
                lock, sent::add, (gen, cause) -> deaths.add(String.valueOf(gen)));
        synchronized (lock) {
            slow.start(1);
        }
        scheduler.advance(Duration.ofSeconds(5));
        slow.takeReply("pong");
        scheduler.advance(Duration.ofSeconds(8));
        assertEquals(List.of("ping", "ping"), sent);
        assertTrue(deaths.isEmpty());
    }

    @Test
    void settingsRefuseAnIntervalOrTimeoutThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new Heartbeat.Settings("ping", "pong", Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Heartbeat.Settings("ping", "pong", Duration.ofSeconds(1), Duration.ofSeconds(-1)));
    }
}
