package dev.switchboard.durable;

/**
 * A source of elapsed time that never jumps, read in nanoseconds like {@link System#nanoTime()}.
 *
 * <p>The runtime measures idle time (hibernation, eviction) and {@code blockConcurrencyWhile} with
 * elapsed time, so a wall-clock jump moves alarms only. A clock passed to a runtime builder that also
 * implements this interface (as {@code ManualClock} does) is the runtime's source of elapsed time;
 * with any other clock the runtime reads {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {

    /** Returns the current reading in nanoseconds; only differences between readings mean anything. */
    long nanoTime();
}
