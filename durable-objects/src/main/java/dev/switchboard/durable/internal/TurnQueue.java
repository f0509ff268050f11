package dev.switchboard.durable.internal;

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
 */
final class TurnQueue {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");

    /** Tasks run per drain before the queue yields its thread to other objects. */
    private static final int BATCH = 64;

    private final Executor executor;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;
    private boolean retired;

    TurnQueue(Executor executor) {
        this.executor = executor;
    }

    /** Adds {@code task}; returns false if the queue is retired. */
    boolean enqueue(Runnable task) {
        synchronized (this) {
            if (retired) {
                return false;
            }
            tasks.add(task);
            if (scheduled) {
                return true;
            }
            scheduled = true;
        }
        schedule();
        return true;
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
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // Tasks catch what user code throws; this is a runtime bug. Keep draining, or the
                // object would never get another event.
                LOG.log(System.Logger.Level.ERROR, "a turn task failed; the object keeps its queue", e);
            }
        }
        schedule();
    }
}
