package dev.switchboard.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

// Reconnect backoff: exponential ceilings up to a cap, full jitter from an injected random.
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    private List<Long> delays(RandomGenerator random, int count) {
        return IntStream.range(0, count).mapToObj(n -> backoff.delay(n, random).toMillis()).toList();
    }

    @Test
    void theCeilingDoublesFromBaseUntilTheCap() {
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L),
                IntStream.range(0, 7).mapToObj(n -> backoff.ceiling(n).toMillis()).toList());
        assertEquals(Duration.ofSeconds(1), backoff.ceiling(10_000), "no overflow after a long outage");
    }

    @Test
    void aRandomAtItsTopGivesTheCeilingsAndAtItsBottomZero() {
        RandomGenerator top = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("only nextLong(bound) is used");
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), delays(top, 6));
        RandomGenerator bottom = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return 0;
            }
        };
        assertEquals(List.of(0L, 0L, 0L), delays(bottom, 3));
    }

    @Test
    void aSeededRandomGivesTheSameJitteredSequenceEveryRun() {
        List<Long> first = delays(new SplittableRandom(42), 8);
        assertEquals(first, delays(new SplittableRandom(42), 8));
        assertNotEquals(first, delays(new SplittableRandom(43), 8));
        for (int n = 0; n < first.size(); n++) {
            long delay = first.get(n);
            assertTrue(delay >= 0 && delay <= backoff.ceiling(n).toMillis(), "attempt " + n + ": " + delay);
        }
        // Pinned: a change to how jitter is drawn shows up here, not as a flaky reconnect test.
        assertEquals(List.of(11L, 24L, 256L, 729L, 738L, 296L, 102L, 45L), first);
    }

    @Test
    void aBaseAboveTheCapOrNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
