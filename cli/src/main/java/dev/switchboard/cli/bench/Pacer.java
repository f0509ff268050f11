package dev.switchboard.cli.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a load at a fixed rate, or not at all. Used by one thread. At a rate, {@link #next()} waits
 * for the next slot and returns the time it was due, which the caller measures from, so that a late
 * slot (a stalled server, a busy client) counts against the latency instead of being forgotten.
 *
 * <p>Since lateness counts, the pacer must not add its own: a parked thread wakes late (0.2 ms at the
 * median on this project's two-core VM, 0.4 ms at p99), which would read as 0.2 ms of server latency
 * on every paced message. So it parks until shortly before the slot and spins the rest, at most
 * {@link #SPIN_NANOS} and never more than a quarter of the interval, so a fast rate does not turn
 * the sender into a busy loop beside the server.
 */
final class Pacer {

    /** The longest stretch before a slot that is spun rather than parked. */
    static final long SPIN_NANOS = 500_000;

    private final long intervalNanos;
    private final long spinNanos;
    private long due;

    /** A pacer whose first slot is now; {@code intervalNanos} 0 means back to back. */
    Pacer(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.spinNanos = Math.min(SPIN_NANOS, intervalNanos / 4);
        this.due = System.nanoTime();
    }

    /** Returns whether slots are paced (otherwise each starts when the previous one finished). */
    boolean paced() {
        return intervalNanos > 0;
    }

    /**
     * Waits for the next slot and returns when it was due, never before it; a slot already past is
     * returned at once. Back to back, returns now.
     */
    long next() {
        if (!paced()) {
            return System.nanoTime();
        }
        sleepUntil(due - spinNanos);
        while (System.nanoTime() - due < 0) {
            Thread.onSpinWait();
        }
        long slot = due;
        due += intervalNanos;
        return slot;
    }

    /** Parks until {@code dueNanos}, or a little after. */
    static void sleepUntil(long dueNanos) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
