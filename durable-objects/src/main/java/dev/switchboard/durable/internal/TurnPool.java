package dev.switchboard.durable.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default pool that runs turns: a {@link ForkJoinPool} of {@code sb-turn-N} threads, one per core,
 * first in first out.
 *
 * <p>Turns may join a call to another object. A join of a stub's future inside a turn blocks through
 * {@link ForkJoinPool#managedBlock}, which {@code CompletableFuture} does by itself on a pool thread,
 * so the pool starts a spare thread for each blocked turn: no number of joins starves other objects.
 * The minimum of runnable threads is the full parallelism, so a join compensates even while another
 * turn is busy in slow user code.
 */
final class TurnPool {

    /** Spare threads the pool may add for blocked turns before it refuses to add more. */
    static final int MAX_SPARES = 4096;

    private TurnPool() {
    }

    /** Returns a new turn pool with one thread per core (at least two). */
    static ExecutorService create() {
        int parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
        var counter = new AtomicInteger();
        return new ForkJoinPool(parallelism,
                pool -> new TurnThread(pool, "sb-turn-" + counter.incrementAndGet()),
                null, true, 0, parallelism + MAX_SPARES, parallelism, pool -> true, 60, TimeUnit.SECONDS);
    }
}
