package dev.switchboard.durable.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told: tests advance it instead of sleeping (S-ALM-5).
 *
 * <p>Threads: safe to read from any thread while a test advances it.
 */
public final class ManualClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    /** Creates a clock reading {@code start}. */
    public ManualClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    /** Creates a clock reading 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private ManualClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** Moves the clock forward by {@code amount}. */
    public synchronized void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a ManualClock only moves forward; got " + amount);
        }
        now = now.plus(amount);
    }

    /** Sets the clock to {@code instant}. */
    public synchronized void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClock(now, newZone);
    }
}
