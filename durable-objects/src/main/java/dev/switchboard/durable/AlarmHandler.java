package dev.switchboard.durable;

/**
 * Declares that a Durable Object class handles alarms: implement it next to {@link DurableObject}
 * to use {@code storage().setAlarm(...)} (S-ALM-4). {@code setAlarm} on an object whose class does
 * not implement it throws {@code ALARM_NOT_HANDLED}.
 *
 * <pre>{@code
 * public final class Room implements DurableObject, AlarmHandler {
 *     public void alarm(AlarmInfo info) { ... }
 * }
 * }</pre>
 */
public interface AlarmHandler {

    /**
     * Runs as a turn when the alarm set with {@code storage().setAlarm(...)} falls due (S-ALM-3),
     * constructing the object first if needed. At least once: if it throws, it is retried with
     * backoff up to six times, and {@code info} says which attempt this is.
     */
    void alarm(AlarmInfo info) throws Exception;
}
