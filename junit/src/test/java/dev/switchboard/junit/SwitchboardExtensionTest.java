package dev.switchboard.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.junit.app.Forgetful;
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

    // region in-object
    @Test
    void runInDurableObjectReadsAndWritesAsOneOfTheObjectsTurns(TestRuntime sb) {
        sb.fetch("POST", "/tally/x");
        var stub = sb.stub("TALLIES", "x");
        long count = sb.runInDurableObject(stub, Tally.class, (tally, state) -> tally.count());
        assertEquals(1, count);
        sb.runInDurableObject(stub, Tally.class, (tally, state) -> {
            state.storage().put("count", 41L);
            return null;
        });
        assertEquals("42", sb.fetch("POST", "/tally/x").text());
    }
    // endregion in-object

    @Test
    void runAlarmRunsTheStoredAlarmWhateverTheClockSays(TestRuntime sb) {
        var stub = sb.stub("TALLIES", "x");
        sb.fetch("POST", "/tally/x/alarm");
        assertTrue(sb.runAlarm(stub));
        assertEquals("100", sb.fetch("/tally/x").text());
        assertEquals(false, sb.runAlarm(stub), "it ran once; nothing is set now");
    }

    @Test
    void hibernateKeepsTheSocketAndEvictClosesItWith1001(TestRuntime sb) {
        var stub = sb.stub("TALLIES", "x");
        try (TestSocket socket = sb.connect("/tally/x/ws")) {
            assertEquals(ObjectState.HIBERNATED, sb.hibernate(stub).orElseThrow().state());
            socket.send("hi");
            assertEquals("1", socket.awaitMessage());
            assertTrue(sb.evict(stub).isEmpty(), "nothing of it stays in memory");
            assertEquals(1001, socket.awaitClose().code());
        }
    }

    @Test
    void badInputFailsWithAMessageNamingIt(TestRuntime sb) {
        var neverSeen = sb.stub("TALLIES", "never-seen");
        var unknownObject = assertThrows(IllegalArgumentException.class, () -> sb.runAlarm(neverSeen));
        assertTrue(unknownObject.getMessage().contains("send it an event first"), unknownObject.getMessage());
        sb.fetch("/tally/y");
        var wrongClass = assertThrows(DurableObjectException.class,
                () -> sb.runInDurableObject(sb.stub("TALLIES", "y"), Forgetful.class, (o, state) -> 0));
        assertTrue(wrongClass.getMessage().contains("Forgetful"), wrongClass.getMessage());
        var thrown = assertThrows(RuntimeException.class, () -> sb.runInDurableObject(sb.stub("TALLIES", "y"),
                Tally.class, (tally, state) -> {
                    throw new IllegalStateException("inside the turn");
                }));
        assertTrue(String.valueOf(thrown.getMessage()).contains("inside the turn")
                || String.valueOf(thrown.getCause()).contains("inside the turn"), thrown::toString);
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
