package dev.switchboard.durable.internal;

import dev.switchboard.http.spi.InlineTurns;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The events of one object, drained one at a time on the shared turn pool: no thread per object,
 * and turns of one object never overlap (S-TURN-2).
 *
 * <p>A queue can be retired when it is empty; enqueueing then fails and the caller looks the object
 * up again, so that an event arriving during deactivation goes to the next activation instead of
 * being dropped.
 *
 * <p>An event handed over by a network IO thread ({@link InlineTurns}) runs on that thread when the
 * queue is empty, nothing runs, the last {@value #SHORT_STREAK} turns each took under
 * {@value #SHORT_NANOS} ns, and the thread's budget allows: the same one-at-a-time rule holds, since
 * the task takes the queue's turn exactly as a drain would.
 */
final class TurnQueue {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");

    /** Tasks run per drain before the queue yields its thread to other objects. */
    private static final int BATCH = 64;

    /** Turns in a row under {@link #SHORT_NANOS} before events may run on the delivering thread. */
    static final int SHORT_STREAK = 8;
    /** A turn at least this long sends the next ones to the pool until the streak is back. */
    static final long SHORT_NANOS = 200_000;

    private final Executor executor;
    private final boolean inline;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;
    private boolean retired;
    private int shortStreak;

    /**
     * @param inline whether a delivering thread may run a turn itself: only with the runtime's own
     *     pool; an injected executor (a test's, or a deterministic scheduler) runs every turn
     */
    TurnQueue(Executor executor, boolean inline) {
        this.executor = executor;
        this.inline = inline;
    }

    /**
     * Adds {@code task}, or runs it now on the calling thread when that thread delivers network
     * events and the conditions above hold; returns false if the queue is retired.
     */
    boolean enqueue(Runnable task) {
        InlineTurns.Budget budget = null;
        synchronized (this) {
            if (retired) {
                return false;
            }
            if (inline && !scheduled && shortStreak >= SHORT_STREAK && tasks.isEmpty()) {
                budget = InlineTurns.here();
            }
            if (budget != null && budget.allows(System.nanoTime())) {
                scheduled = true; // this thread takes the queue's turn, as a drain would
            } else {
                budget = null;
                tasks.add(task);
                if (scheduled) {
                    return true;
                }
                scheduled = true;
            }
        }
        if (budget != null) {
            budget.started();
            long took = 0;
            try {
                took = run(task);
            } finally {
                budget.ended(took);
            }
            synchronized (this) {
                if (tasks.isEmpty()) {
                    scheduled = false;
                    return true;
                }
            }
        }
        schedule();
        return true;
    }

    /** Forgets how short the last turns were: the next instance starts with its constructor. */
    synchronized void instanceDropped() {
        shortStreak = 0;
    }

    /** Retires the queue if nothing waits in it; called from a running task. */
    synchronized boolean retireIfEmpty() {
        if (!tasks.isEmpty()) {
            return false;
        }
        retired = true;
        return true;
    }

    synchronized int size() {
        return tasks.size();
    }

    private void schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                scheduled = false;
            }
            throw e;
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    scheduled = false;
                    return;
                }
            }
            run(task);
        }
        schedule();
    }

    /** Runs {@code task}, counts whether it was short, and returns how long it took. */
    private long run(Runnable task) {
        long start = System.nanoTime();
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // Tasks catch what user code throws; this is a runtime bug. Keep draining, or the
            // object would never get another event.
            LOG.log(System.Logger.Level.ERROR, "a turn task failed; the object keeps its queue", e);
        }
        long took = System.nanoTime() - start;
        synchronized (this) {
            shortStreak = took < SHORT_NANOS ? Math.min(shortStreak + 1, SHORT_STREAK) : 0;
        }
        return took;
    }
}
