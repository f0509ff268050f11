package dev.switchboard.cli.bench;

import java.time.Duration;

/**
 * The bounds and shape of one bench run, as the command line gave them.
 *
 * @param count messages (or connections, or wake rounds, or sockets for {@code idle}) to measure
 * @param duration the run stops sending after this long even if {@code count} is not reached
 * @param rate messages or connections per second, all senders together; 0 means back to back
 * @param sockets sockets in the room ({@code fanout}), per room ({@code rooms}) or held ({@code idle})
 * @param rooms rooms of the {@code rooms} scenario
 * @param idle quiet time before each measured message of {@code wake}
 * @param size bytes per message, 32 to 125
 * @param warmup messages sent first and not measured
 * @param pid the server's process id whose resident memory is reported, or 0 for none
 * @param message the text to send with {@link #STAMP} where the timing stamp goes, or null to send
 *     the stamp alone (padded to {@code size})
 */
public record Load(int count, Duration duration, int rate, int sockets, int rooms, Duration idle, int size,
        int warmup, long pid, String message) {

    /** Where the timing stamp goes in a {@code --message} template. */
    public static final String STAMP = "{stamp}";

    /** How long a run waits for replies still in flight once it stops sending. */
    static final Duration DRAIN = Duration.ofSeconds(5);

    /** Returns what is wrong with a {@code --message} template, or null when it is usable (or absent). */
    public static String messageProblem(String message) {
        if (message == null) {
            return null;
        }
        if (!message.contains(STAMP)) {
            return "--message needs " + STAMP + " where the timing stamp goes, e.g. '{\"type\":\"chat\",\"text\":\""
                    + STAMP + "\"}'";
        }
        if (Traffic.payload(0, Traffic.split(message), Long.MIN_VALUE).length > 125) {
            return "--message is too long: with its stamp it must fit in 125 bytes (one frame-length byte)";
        }
        return null;
    }

    /** Returns when the run must stop sending, from {@code startNanos}. */
    long deadline(long startNanos) {
        return startNanos + duration.toNanos();
    }

    /** Returns the nanoseconds between sends at {@link #rate}, or 0 for back to back. */
    long intervalNanos() {
        return rate <= 0 ? 0 : 1_000_000_000L / rate;
    }
}
