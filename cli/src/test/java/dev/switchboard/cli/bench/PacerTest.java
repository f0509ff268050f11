package dev.switchboard.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

// The pacer's promises: slots one interval apart, none handed out early, a late one counted from when it was due.
class PacerTest {

    @Test
    void slotsAreOneIntervalApartAndNoneIsHandedOutBeforeItIsDue() {
        var pacer = new Pacer(2_000_000); // 500 per second
        long first = pacer.next();
        for (int i = 1; i <= 20; i++) {
            long slot = pacer.next();
            long now = System.nanoTime();
            assertEquals(first + i * 2_000_000L, slot, "slot " + i);
            assertTrue(now - slot >= 0, "slot " + i + " was handed out " + (slot - now) + " ns early");
        }
    }

    @Test
    void aSlotAlreadyPastIsHandedOutAtOnceWithTheTimeItWasDue() {
        var pacer = new Pacer(1_000_000);
        long first = pacer.next();
        Pacer.sleepUntil(first + 50_000_000); // the sender fell 50 slots behind
        long before = System.nanoTime();
        long late = pacer.next();
        assertEquals(first + 1_000_000, late, "measured from when it was due, so the lateness counts");
        assertTrue(before - late > 0);
    }

    @Test
    void backToBackIsNotPaced() {
        var pacer = new Pacer(0);
        assertFalse(pacer.paced());
        long before = System.nanoTime();
        assertTrue(pacer.next() - before >= 0);
    }
}
