package dev.switchboard.cli.bench;

import java.io.IOException;
import java.util.Locale;

/**
 * The loads {@code switchboard bench} can generate. Each assumes a room that sends every text frame
 * to every socket of the room, the sender included, as the bundled broadcast room and the baseline
 * room do.
 */
public enum Scenario {
    /** One socket; each message comes back to it. */
    ECHO,
    /** {@code --sockets} in one room, one sender; the latency to every receiver. */
    FANOUT,
    /** {@code --rooms} rooms of {@code --sockets} each ({@code {room}} in the URL); one sender per room. */
    ROOMS,
    /** Connection setup: a handshake, then close, {@code --count} times. */
    CONNECT,
    /** One socket idle for {@code --idle} (past the server's hibernation) before each measured message. */
    WAKE,
    /** {@code --sockets} sockets opened and held for {@code --duration}. */
    IDLE;

    /** Returns the name as typed on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Runs this scenario against {@code target} on the calling thread.
     *
     * @throws IOException when a socket cannot be opened or the server closes one mid-run
     */
    public BenchResult run(Target target, Load load, Progress progress) throws IOException {
        return switch (this) {
            case ECHO, FANOUT, ROOMS -> MessageLoads.steady(this, target, load, progress);
            case WAKE -> MessageLoads.wake(target, load, progress);
            case CONNECT -> SocketLoads.connect(target, load, progress);
            case IDLE -> SocketLoads.idle(target, load, progress);
        };
    }
}
