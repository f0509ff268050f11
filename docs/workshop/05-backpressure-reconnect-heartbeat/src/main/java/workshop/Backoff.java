package workshop;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a client waits before its next reconnect attempt: exponential backoff with full
 * jitter. Before attempt n (0 for the first) it waits a random time between 0 and
 * {@code min(cap, base × 2^n)}; after a successful connection {@link #reset()} starts again from
 * {@code base}. The randomness spreads clients out, so a restarted server is not hit by all of
 * them in the same instant.
 *
 * <p>Not thread-safe: one per client.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;
    private int attempt;

    /** {@code random} is passed in, so a test can replay the same waits from a seed. */
    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** Returns the wait before the next attempt, and counts the attempt. */
    public Duration next() {
        // TODO 3: the ceiling is min(cap, base × 2^attempt); wait a random time from 0 to the ceiling
        //         (random.nextLong(ceilingMillis + 1)), then count the attempt. Careful: 2^attempt
        //         overflows a long after 62 attempts, and a client may retry all night.
        attempt++;
        return base;
    }

    /** Starts again from {@code base}: call it once a connection succeeded. */
    public void reset() {
        attempt = 0;
    }
}
