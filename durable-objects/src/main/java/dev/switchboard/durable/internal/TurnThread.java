package dev.switchboard.durable.internal;

/**
 * A thread of the runtime's own turn pool. It carries the running {@link Turn} in a field, so that
 * {@link Turn#current()} on the delivery path (every {@code ws.send} of a broadcast asks) is a type
 * check and a read instead of a {@code ThreadLocal} probe, which the profile showed missing its
 * first slot on turn threads. Threads of an injected executor still use the {@code ThreadLocal}.
 */
public final class TurnThread extends Thread {

    Turn turn;

    /** Creates a daemon turn thread named {@code name} that runs {@code task}. */
    public TurnThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }
}
