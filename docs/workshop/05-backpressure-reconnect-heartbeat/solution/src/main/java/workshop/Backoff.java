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
        // Doubled one step at a time and stopped at the cap, so a client retrying all night never overflows.
        long ceiling = base.toMillis();
        for (int i = 0; i < attempt && ceiling < cap.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, cap.toMillis());
        attempt++;
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    /** Starts again from {@code base}: call it once a connection succeeded. */
    public void reset() {
        attempt = 0;
    }
}
