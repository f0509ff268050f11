package dev.switchboard.durable.storage;

import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Runs storage work that waits on the disk (creating a file, a commit that syncs, closing a
 * database, which checkpoints it) through {@link ForkJoinPool#managedBlock}: when the caller is a
 * thread of a fork-join pool, such as the runtime's turn pool, the pool runs other turns on a spare
 * thread meanwhile. Without it, a burst of new objects runs one file creation per core at a time,
 * each waiting on a sync while the cores idle. On any other thread the work simply runs.
 *
 * <p>Only work that is likely to wait goes through here: a commit that only appends to the WAL takes
 * tens of microseconds, less than waking a spare thread.
 */
final class DiskWait {

    private DiskWait() {
    }

    static <T> T run(Supplier<T> work) {
        if (!(Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread)) {
            return work.get();
        }
        var blocker = new Blocker<>(work);
        try {
            ForkJoinPool.managedBlock(blocker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag; the work below still runs
        }
        blocker.block();
        return blocker.result;
    }

    static void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    private static final class Blocker<T> implements ForkJoinPool.ManagedBlocker {
        private final Supplier<T> work;
        private boolean done;
        private T result;

        Blocker(Supplier<T> work) {
            this.work = work;
        }

        @Override
        public boolean block() {
            if (!done) {
                result = work.get();
                done = true;
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            return done;
        }
    }
}
