package dev.switchboard.worker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import org.junit.jupiter.api.Test;

// The bill preview: time in memory against time had the object never hibernated, and the front door's counts.
class UsageMeterTest {

    private final ManualClock clock = new ManualClock();
    private final Instant start = clock.instant();
    private final UsageMeter meter = new UsageMeter(clock);

    private void at(long second, String kind) {
        meter.record(new AdminEvent.Lifecycle(start.plusSeconds(second), "ROOMS", "a".repeat(64), "lobby", 1, kind,
                "", "test"));
    }

    @Test
    void hibernatedSpellsCountOnlyInTheDurationWithoutHibernation() {
        at(0, "CREATED");
        at(10, "HIBERNATED");
        at(60, "WOKEN");
        at(65, "HIBERNATED");
        clock.set(start.plusSeconds(100));

        var room = meter.snapshot().objects().get(0);
        assertEquals(15.0, room.durationSeconds());
        assertEquals(15.0 * 0.125, room.durationGbSeconds());
        assertEquals(100.0, room.withoutHibernationSeconds());
        assertEquals(12.5, room.withoutHibernationGbSeconds());
        assertEquals(2, room.hibernations());
        assertEquals("lobby", room.name());
    }

    @Test
    void pastItsRowLimitTheMeterFoldsObjectsThatLeftMemoryIntoTotalsThatStayExact() {
        var small = new UsageMeter(clock, null, 100);
        String live = "f".repeat(64);
        small.record(new AdminEvent.Lifecycle(start, "ROOMS", live, "live", 1, "CREATED", "", "test"));
        for (int i = 0; i < 1000; i++) {
            String id = String.format("%064x", i);
            small.record(new AdminEvent.Lifecycle(start.plusSeconds(i), "ROOMS", id, null, 1, "CREATED", "", "test"));
            small.record(new AdminEvent.Lifecycle(start.plusSeconds(i + 1), "ROOMS", id, null, 1, "EVICTED", "", "test"));
        }
        clock.set(start.plusSeconds(2000));

        var usage = small.snapshot();
        assertTrue(usage.objects().size() <= 110, usage.objects().size() + " rows kept");
        assertTrue(usage.objects().stream().anyMatch(o -> o.id().equals(live)), "an object in memory keeps its row");
        assertEquals(1000.0 + 2000.0, usage.total().durationSeconds());
        assertEquals(1000.0 + 2000.0, usage.total().withoutHibernationSeconds());
    }

    @Test
    void withMoreObjectsInMemoryThanRowsTheMeterScansItsRowsOncePerTenthNotOncePerObject() {
        var small = new UsageMeter(clock, null, 100);
        for (int i = 0; i < 2000; i++) { // all stay in memory: nothing can be folded
            small.record(new AdminEvent.Lifecycle(start, "ROOMS", String.format("%064x", i), null, 1, "CREATED", "",
                    "test"));
        }

        assertEquals(2000, small.snapshot().objects().size());
        assertTrue(small.folds() <= 2000 / 10, small.folds() + " scans of the rows for 2000 new objects");
    }

    @Test
    void aNewRowPaysForAboutTenRowsLookedAtHoweverManyObjectsAreInMemory() {
        var small = new UsageMeter(clock, null, 100);
        int objects = 20_000; // all stay in memory, two hundred times the rows
        for (int i = 0; i < objects; i++) {
            small.record(new AdminEvent.Lifecycle(start, "ROOMS", String.format("%064x", i), null, 1, "CREATED", "",
                    "test"));
        }

        assertEquals(objects, small.snapshot().objects().size());
        assertTrue(small.rowsVisited() <= 12L * objects,
                small.rowsVisited() + " rows looked at for " + objects + " new objects");
    }

    @Test
    void anEvictionStopsBothClocksAndAnActiveInstanceCountsUpToNow() {
        at(0, "CREATED");
        at(10, "HIBERNATED");
        at(30, "EVICTED");
        at(40, "CREATED");
        clock.set(start.plusSeconds(45));

        var room = meter.snapshot().objects().get(0);
        assertEquals(15.0, room.durationSeconds());
        assertEquals(35.0, room.withoutHibernationSeconds());
        var total = meter.snapshot().total();
        assertEquals(15.0, total.durationSeconds());
        assertEquals(35.0, total.withoutHibernationSeconds());
    }

    @Test
    void pricesTurnUnitsIntoMoneyWithIncomingMessagesBilledTwentyToARequest() {
        var priced = new UsageMeter(clock, new UsagePrices("USD", java.time.LocalDate.of(2025, 6, 1), 0.15, 12.5));
        priced.record(new AdminEvent.Lifecycle(start, "ROOMS", "a".repeat(64), "lobby", 1, "CREATED", "", "test"));
        priced.record(new AdminEvent.Lifecycle(start.plusSeconds(8), "ROOMS", "a".repeat(64), "lobby", 1,
                "HIBERNATED", "", "test"));
        for (int i = 0; i < 2; i++) {
            priced.record(new AdminEvent.RequestServed(start, "GET", "/", 200, 1.0));
        }
        for (int i = 0; i < 40; i++) {
            priced.messageIn();
        }
        clock.set(start.plusSeconds(80));

        var cost = priced.snapshot().cost();
        assertEquals(4 / 1e6 * 0.15, cost.requests(), 1e-9, "2 requests and 40 messages bill as 4 requests");
        assertEquals(1.0 / 1e6 * 12.5, cost.duration(), 1e-9, "8 s at 0.125 GB is 1 GB-s");
        assertEquals(cost.requests() + 10.0 / 1e6 * 12.5, cost.totalWithoutHibernation(), 1e-9);
        assertEquals(null, meter.snapshot().cost(), "no prices, no money");
    }

    @Test
    void turnsAreCountedPerObjectAsRequestsOrMessagesAndClosesAreNotBilled() {
        var id = new dev.switchboard.durable.DurableObjectId("ab".repeat(32), "inside");
        for (String handler : List.of("fetch", "alarm", "sendMessage", "webSocketMessage", "webSocketMessage",
                "webSocketClose", "callback")) {
            meter.turn(new dev.switchboard.durable.TurnEvent("ROOMS", id, handler, Duration.ofMillis(1), false, 0, 0, 0));
        }
        var known = List.of(new dev.switchboard.durable.ObjectInfo("ROOMS", id,
                dev.switchboard.durable.ObjectState.IDLE, 1, 0, 0, List.of(), null, null, 4096));

        var room = meter.snapshot(known).objects().get(0);

        assertEquals("inside", room.name());
        assertEquals(3, room.requests(), room.toString());
        assertEquals(2, room.messagesIn(), room.toString());
        assertEquals(4096L, room.storedBytes());
        assertEquals(null, meter.snapshot().objects().get(0).storedBytes(), "not asked, not known");
    }

    @Test
    void requestsAndMessagesAreCountedForTheServer() {
        meter.record(new AdminEvent.RequestServed(clock.instant(), "GET", "/", 200, 1.0));
        meter.record(new AdminEvent.RequestServed(clock.instant(), "GET", "/ws", 101, 1.0));
        meter.messageIn();
        meter.messageOut();
        meter.messageOut();
        clock.advance(Duration.ofSeconds(1));

        var usage = meter.snapshot();
        assertEquals(2, usage.total().requests());
        assertEquals(1, usage.total().messagesIn());
        assertEquals(2, usage.total().messagesOut());
        assertEquals(start, usage.since());
        assertEquals(start.plusSeconds(1), usage.at());
    }
}
