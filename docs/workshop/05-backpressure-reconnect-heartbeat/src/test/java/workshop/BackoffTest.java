package workshop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

// Lab 5, reconnect: exponential backoff with full jitter, replayed from a fixed seed.
class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(10);

    /** The most attempt n may wait: min(cap, base × 2^n). */
    private static long ceiling(int attempt) {
        return Math.min(CAP.toMillis(), BASE.toMillis() * (1L << Math.min(attempt, 30)));
    }

    @Test
    void eachWaitIsRandomUpToACeilingThatDoublesUntilTheCap() {
        var random = new SplittableRandom(42); // a fixed seed: the same waits on every run
        long[] longest = new long[8];
        for (int client = 0; client < 200; client++) {
            var backoff = new Backoff(BASE, CAP, random);
            for (int attempt = 0; attempt < longest.length; attempt++) {
                long wait = backoff.next().toMillis();
                assertTrue(wait >= 0 && wait <= ceiling(attempt), "attempt " + attempt + " waited " + wait
                        + " ms; it must be between 0 and min(cap, base × 2^" + attempt + ") = " + ceiling(attempt));
                longest[attempt] = Math.max(longest[attempt], wait);
            }
        }
        for (int attempt = 0; attempt < longest.length; attempt++) {
            assertTrue(longest[attempt] > ceiling(attempt) / 2, "over 200 clients the longest wait before attempt "
                    + attempt + " was " + longest[attempt] + " ms: the ceiling must double each attempt, up to the"
                    + " cap (TODO 3)");
        }
    }

    @Test
    void clientsWaitDifferentTimesSoTheyDoNotReturnTogether() {
        var random = new SplittableRandom(7);
        var waits = new HashSet<Duration>();
        for (int client = 0; client < 20; client++) {
            waits.add(new Backoff(BASE, CAP, random).next());
        }
        assertTrue(waits.size() > 10, "20 clients waited only " + waits + ": pick each wait at random between 0"
                + " and the ceiling (full jitter, TODO 3)");
    }

    @Test
    void theWaitNeverPassesTheCapEvenAfterAThousandAttempts() {
        var backoff = new Backoff(BASE, CAP, new SplittableRandom(1));
        for (int attempt = 0; attempt < 1000; attempt++) {
            long wait = backoff.next().toMillis();
            assertTrue(wait >= 0 && wait <= CAP.toMillis(), "attempt " + attempt + " waited " + wait + " ms:"
                    + " base × 2^n overflows a long after 62 doublings; stop doubling at the cap (TODO 3)");
        }
    }

    @Test
    void afterASuccessTheWaitsStartAgainFromBase() {
        var backoff = new Backoff(BASE, CAP, new SplittableRandom(3));
        for (int attempt = 0; attempt < 10; attempt++) {
            backoff.next();
        }
        backoff.reset();
        for (int client = 0; client < 50; client++) {
            assertTrue(backoff.next().compareTo(BASE) <= 0, "the first wait after reset() is at most base");
            backoff.reset();
        }
    }
}
