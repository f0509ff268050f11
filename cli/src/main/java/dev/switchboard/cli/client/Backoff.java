package dev.switchboard.cli.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before reconnect attempt {@code n} (0 for the first) wait a
 * uniformly random time between 0 and {@code min(cap, base × 2^n)}.
 *
 * <p>Full jitter (as in AWS's "Exponential Backoff and Jitter") spreads the clients that lost the
 * same server over the whole window, so they do not all come back in the same millisecond and
 * knock it over again. The randomness is passed in, so a seeded generator gives a repeatable
 * sequence.
 *
 * @param base the ceiling of the first wait; positive
 * @param cap the largest ceiling; at least {@code base}
 */
public record Backoff(Duration base, Duration cap) {

    /** Half a second doubling to 10 s, as the chat page does. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

    /** Checks that {@code 0 < base <= cap}. */
    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isZero() || base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base " + base + " and cap " + cap);
        }
    }

    /** Returns the ceiling of wait {@code attempt}: {@code min(cap, base × 2^attempt)}. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
        long baseMillis = base.toMillis();
        long capMillis = cap.toMillis();
        // Doubling stops at the cap, so a long outage cannot overflow the shift.
        long ceiling = baseMillis;
        for (int i = 0; i < attempt && ceiling < capMillis; i++) {
            ceiling *= 2;
        }
        return Duration.ofMillis(Math.min(ceiling, capMillis));
    }

    /** Returns the wait before attempt {@code attempt}: uniform in {@code [0, ceiling(attempt)]} milliseconds. */
    public Duration delay(int attempt, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(ceiling(attempt).toMillis() + 1));
    }
}
