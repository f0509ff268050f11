package dev.switchboard.cli.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler for tests: nothing runs until the test moves time with {@link #advance(Duration)}. */
final class ManualScheduler implements Scheduler {

    private record Task(long dueNanos, long order, Runnable task) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private final List<Duration> requested = new ArrayList<>();
    private long nowNanos;
    private long order;

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        var entry = new Task(nowNanos + delay.toNanos(), order++, task);
        tasks.add(entry);
        requested.add(delay);
        return () -> {
            synchronized (ManualScheduler.this) {
                tasks.remove(entry);
            }
        };
    }

    /** Moves time forward by {@code by}, running every task that falls due, in order, on this thread. */
    void advance(Duration by) {
        long until;
        synchronized (this) {
            until = nowNanos + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.dueNanos() <= until)
                        .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::order)).orElse(null);
                if (next == null) {
                    nowNanos = until;
                    return;
                }
                tasks.remove(next);
                nowNanos = Math.max(nowNanos, next.dueNanos());
            }
            next.task().run();
        }
    }

    /** Returns how many tasks wait. */
    synchronized int waiting() {
        return tasks.size();
    }

    /** Returns every delay ever asked for, in order. */
    synchronized List<Duration> requested() {
        return List.copyOf(requested);
    }
}
