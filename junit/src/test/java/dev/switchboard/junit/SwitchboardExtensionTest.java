package dev.switchboard.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.junit.app.Tally;
import dev.switchboard.junit.app.TallyWorker;
import dev.switchboard.worker.UpgradeRefusedException;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The JUnit extension built in code: a fresh runtime per test, fetch, sockets, time, alarms, idle passes.
class SwitchboardExtensionTest {

    // region register
    @RegisterExtension
    static final SwitchboardExtension SB = SwitchboardExtension.withRuntime(
            b -> b.worker(new TallyWorker()).durableObject("TALLIES", Tally::new));
    // endregion register

    @RepeatedTest(2)
    void eachTestStartsWithEmptyStorage(TestRuntime sb) {
        assertEquals("1", sb.fetch("POST", "/tally/x").text());
        assertEquals("1", sb.fetch("/tally/x").text());
    }

    // region socket
    @Test
    void aSocketGetsItsAnswersAndStaysOpenThroughHibernation(TestRuntime sb) {
        try (TestSocket socket = sb.connect("/tally/x/ws")) {
            socket.send("hi");
            assertEquals("1", socket.awaitMessage());
            assertEquals(1, sb.hibernateIdle());
            assertEquals(ObjectState.HIBERNATED, sb.runtime().durableObjects().objects().get(0).state());
            socket.send("again");
            assertEquals("2", socket.awaitMessage(), "woken with its storage");
        }
    }
    // endregion socket

    // region alarm
    @Test
    void anAlarmRunsOnlyWhenTimeReachesItAndAPassIsAsked(TestRuntime sb) {
        sb.fetch("POST", "/tally/x/alarm");
        assertEquals(0, sb.runDueAlarms());
        sb.advance(Duration.ofMinutes(1));
        assertEquals(1, sb.runDueAlarms());
        assertEquals("100", sb.fetch("/tally/x").text());
    }
    // endregion alarm

    @Test
    void evictIdleDropsAnObjectWithoutSocketsAndListIdsSeesOnlyWhatIsInMemory(TestRuntime sb) {
        sb.fetch("POST", "/tally/a");
        sb.fetch("POST", "/tally/b");
        assertEquals(2, sb.listIds("TALLIES").size());
        assertTrue(sb.listIds("TALLIES").contains(sb.env().namespace("TALLIES").idFromName("a")), sb.listIds("TALLIES")::toString);
        sb.evictIdle();
        assertEquals(0, sb.listIds("TALLIES").size());
        assertEquals("1", sb.fetch("/tally/a").text(), "storage outlives eviction");
    }

    @Test
    void badInputFailsWithAMessageNamingIt(TestRuntime sb) {
        var unknown = assertThrows(DurableObjectException.class, () -> sb.listIds("NOPE"));
        assertTrue(unknown.getMessage().contains("TALLIES"), unknown.getMessage());
        var refused = assertThrows(UpgradeRefusedException.class, () -> sb.connect("/nowhere"));
        assertEquals(404, refused.status());
        try (TestSocket socket = sb.connect("/tally/x/ws")) {
            var silent = assertThrows(IllegalStateException.class, () -> socket.awaitMessage(Duration.ofMillis(20)));
            assertTrue(silent.getMessage().contains("no message"), silent.getMessage());
        }
    }
}
