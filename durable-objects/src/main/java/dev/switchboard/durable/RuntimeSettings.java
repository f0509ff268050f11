package dev.switchboard.durable;

import dev.switchboard.durable.storage.StorageEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

/**
 * How a runtime runs: time, threads, randomness, storage and the idle limits. One immutable value,
 * built once by any of the runtime builders ({@code DurableObjectRuntime.builder()},
 * {@code WorkerRuntime.builder()}, {@code WorkerServer.builder()}, {@code DurableObjectTestKit.builder()}),
 * which all expose the same setters; {@code settings()} on a builder returns the value and
 * {@code settings(value)} applies one.
 *
 * @param clock the one clock the runtime reads (idle times, alarms, timestamps)
 * @param executor the pool that runs turns, or null for the runtime's own pool, which it shuts down
 * @param random the one source of randomness (ids, retry jitter), or null for an unseeded one
 * @param hibernateAfter idle time before a hibernatable object is hibernated (S-HIB-3)
 * @param evictAfter idle time before an object that cannot hibernate is evicted (S-HIB-5)
 * @param blockConcurrencyTimeout longest {@code blockConcurrencyWhile} before a reset (S-TURN-5)
 * @param backgroundPasses whether the runtime runs its own idle and alarm passes
 * @param collectEvery how far apart background idle passes run at most (a tenth of the shorter idle limit when sooner)
 * @param storage where objects keep their data, or null for SQLite in memory
 * @param shutdownGrace how long {@code close()} lets running turns finish; a turn still running then is
 *     abandoned and nothing it writes afterwards commits (S-LIFE-4)
 * @param chaosHibernation whether every object is hibernated after every event it can hibernate after,
 *     so that tests catch room state kept only in fields
 */
public record RuntimeSettings(Clock clock, ExecutorService executor, RandomGenerator random,
                              Duration hibernateAfter, Duration evictAfter, Duration blockConcurrencyTimeout,
                              boolean backgroundPasses, Duration collectEvery, StorageEngine storage,
                              Duration shutdownGrace, boolean chaosHibernation) {

    /** Checks the values; see the builders for what each means. */
    public RuntimeSettings {
        if (clock == null) {
            throw new IllegalArgumentException("a clock is needed; use Clock.systemUTC() or a ManualClock");
        }
        requirePositive(hibernateAfter, "hibernateAfter");
        requirePositive(evictAfter, "evictAfter");
        requirePositive(blockConcurrencyTimeout, "blockConcurrencyTimeout");
        requirePositive(collectEvery, "collectEvery");
        requirePositive(shutdownGrace, "shutdownGrace");
    }

    /**
     * Returns Cloudflare's defaults: the system clock, 10 s to hibernate, 70 s to evict, 30 s for
     * blockConcurrencyWhile, and 5 s of grace at shutdown.
     */
    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Clock.systemUTC(), null, null, Duration.ofSeconds(10), Duration.ofSeconds(70),
                Duration.ofSeconds(30), true, Duration.ofSeconds(1), null, Duration.ofSeconds(5), false);
    }

    static Duration requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
        }
        return d;
    }
}
