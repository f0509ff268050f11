package dev.switchboard.durable.testing;

import dev.switchboard.durable.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told: tests advance it instead of sleeping (S-ALM-5).
 *
 * <p>It keeps two readings, as a machine does: the wall clock ({@link #instant()}) and elapsed time
 * ({@link #nanoTime()}). {@link #advance} moves both, as time passing does; {@link #set} moves the
 * wall clock only, as an NTP correction or a user changing the time does, so a test can check that
 * a jump moves alarms but hibernates nothing.
 *
 * <p>Threads: safe to read from any thread while a test advances it.
 */
public final class ManualClock extends Clock implements Ticker {

    private volatile Instant now;
    private volatile long nanos;
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
        nanos += amount.toNanos();
    }

    /** Sets the wall clock to {@code instant}, forward or back; elapsed time does not move (a jump). */
    public synchronized void set(Instant instant) {
        now = instant;
    }

    /** Returns elapsed time: it moves with {@link #advance} only. */
    @Override
    public long nanoTime() {
        return nanos;
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
        var other = new ManualClock(now, newZone);
        other.nanos = nanos;
        return other;
    }
}
