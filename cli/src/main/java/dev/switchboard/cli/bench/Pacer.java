package dev.switchboard.cli.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a load at a fixed rate, or not at all. Used by one thread. At a rate, {@link #next()} waits
 * for the next slot and returns the time it was due, which the caller measures from, so that a late
 * slot (a stalled server, a busy client) counts against the latency instead of being forgotten.
 */
final class Pacer {

    private final long intervalNanos;
    private long due;

    /** A pacer whose first slot is now; {@code intervalNanos} 0 means back to back. */
    Pacer(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.due = System.nanoTime();
    }

    /** Returns whether slots are paced (otherwise each starts when the previous one finished). */
    boolean paced() {
        return intervalNanos > 0;
    }

    /** Waits for the next slot and returns when it was due; back to back, returns now. */
    long next() {
        if (!paced()) {
            return System.nanoTime();
        }
        sleepUntil(due);
        long slot = due;
        due += intervalNanos;
        return slot;
    }

    /** Parks until {@code dueNanos}. */
    static void sleepUntil(long dueNanos) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
