package dev.switchboard.cli.client;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The application heartbeat of a {@link ReconnectingWebSocket}: pings the open connection every
 * {@code interval}, counts the replies, and declares the connection dead when a ping is not
 * answered within {@code timeout}.
 *
 * <pre>
 *   start(gen) ─interval─► ping ─timeout─► answered since? ─yes─► wait interval − timeout ─► ping …
 *                                                          └─no──► dead(gen, TimeoutException)
 * </pre>
 *
 * <p>Threads: the state is guarded by the client's lock, the one lock of the whole client, so a
 * {@link #stop()} from the client and a step falling due cannot interleave. The client calls
 * {@link #start} and {@link #stop()} with that lock held, and must stop the heartbeat in the same
 * locked section that ends generation {@code gen}; a step runs only while its generation is the
 * one started, so a step whose cancellation came too late does nothing. The steps run on the
 * scheduler, take the lock themselves, and call {@code send} and {@code dead} without it, because
 * both re-enter the client.
 */
final class Heartbeat {

    /** What to send, what answers it, how often, and how long an answer may take. */
    record Settings(String ping, String pong, Duration interval, Duration timeout) {

        /** Checks that {@code interval} and {@code timeout} are positive. */
        Settings {
            if (interval.isZero() || interval.isNegative() || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("heartbeat interval and timeout must be positive");
            }
        }
    }

    /** Told that the connection of generation {@code gen} missed a reply. */
    @FunctionalInterface
    interface Dead {
        void dead(int gen, TimeoutException cause);
    }

    private final Settings settings;
    private final Scheduler scheduler;
    private final Object lock;
    private final Consumer<String> send;
    private final Dead dead;

    // Guarded by lock.
    private boolean running;
    private int gen;
    private Scheduler.Cancellable pending;
    private int answered;

    Heartbeat(Settings settings, Scheduler scheduler, Object lock, Consumer<String> send, Dead dead) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.lock = lock;
        this.send = send;
        this.dead = dead;
    }

    /** Starts pinging the connection of generation {@code gen}, which just opened. Call with the lock held. */
    void start(int gen) {
        stop();
        this.running = true;
        this.gen = gen;
        pending = scheduler.schedule(settings.interval(), () -> ping(gen));
    }

    /** Stops pinging and cancels the pending step, if any. Call with the lock held. */
    void stop() {
        running = false;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /**
     * Returns whether {@code message} is the heartbeat reply, and counts it if so; a reply is not
     * passed on as a message.
     */
    boolean takeReply(String message) {
        if (!message.equals(settings.pong())) {
            return false;
        }
        synchronized (lock) {
            answered++;
        }
        return true;
    }

    /** Returns how many replies arrived since the heartbeat was built. */
    int answered() {
        synchronized (lock) {
            return answered;
        }
    }

    private boolean isRunning(int gen) {
        return running && this.gen == gen;
    }

    private void ping(int gen) {
        synchronized (lock) {
            if (!isRunning(gen)) {
                return;
            }
            int answeredBefore = answered;
            pending = scheduler.schedule(settings.timeout(), () -> check(gen, answeredBefore));
        }
        send.accept(settings.ping());
    }

    private void check(int gen, int answeredBefore) {
        synchronized (lock) {
            if (!isRunning(gen)) {
                return;
            }
            if (answered > answeredBefore) {
                // Alive: the next ping goes one interval after the last one.
                Duration rest = settings.interval().minus(settings.timeout());
                pending = scheduler.schedule(rest.isNegative() ? Duration.ZERO : rest, () -> ping(gen));
                return;
            }
        }
        dead.dead(gen, new TimeoutException("no \"" + settings.pong() + "\" within " + settings.timeout()
                + " of sending \"" + settings.ping() + "\": the connection is dead"));
    }
}
