package dev.switchboard.durable.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.http.spi.InlineTurns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

// The turn queue: order, retirement, survival of a failing task, and turns on the delivering thread (S-TURN-2).
class TurnQueueTest {

    @Test
    void tasksRunInArrivalOrderAndAFailingTaskDoesNotStopTheQueue() {
        var ran = new ArrayList<String>();
        var queue = new TurnQueue(Runnable::run, true);
        queue.enqueue(() -> ran.add("first"));
        queue.enqueue(() -> {
            throw new IllegalStateException("a runtime bug");
        });
        queue.enqueue(() -> ran.add("third"));
        assertEquals(List.of("first", "third"), ran);
    }

    @Test
    void aRetiredQueueRefusesTasksSoTheCallerFindsTheNextActivation() {
        var queue = new TurnQueue(Runnable::run, true);
        assertTrue(queue.retireIfEmpty());
        assertFalse(queue.enqueue(() -> { }));
    }

    @Test
    void aQueueWithWaitingTasksIsNotRetired() {
        var deferred = new ArrayList<Runnable>();
        var queue = new TurnQueue(deferred::add, true);
        queue.enqueue(() -> { });
        assertFalse(queue.retireIfEmpty());
        deferred.get(0).run();
        assertTrue(queue.retireIfEmpty());
    }

    // ---- turns on the delivering thread (InlineTurns) ----

    @Test
    void afterShortTurnsTheDeliveringThreadRunsTheNextTurnItself() throws Exception {
        var deferred = new ArrayList<Runnable>();
        var queue = new TurnQueue(deferred::add, true);
        var ran = new ArrayList<String>();
        String thread = onDeliveringThread(() -> {
            warm(queue, deferred);
            queue.enqueue(() -> ran.add(Thread.currentThread().getName()));
            assertEquals(List.of(), deferred, "nothing handed to the pool");
            return Thread.currentThread().getName();
        });
        assertEquals(List.of(thread), ran);
    }

    @Test
    void aLongTurnSendsTheNextOnesToThePoolUntilTheyAreShortAgain() throws Exception {
        var deferred = new ArrayList<Runnable>();
        var queue = new TurnQueue(deferred::add, true);
        onDeliveringThread(() -> {
            warm(queue, deferred);
            queue.enqueue(() -> busyFor(TurnQueue.SHORT_NANOS * 2)); // inline, and long
            assertEquals(List.of(), deferred);
            warm(queue, deferred); // after a long turn, the pool again, until the streak is back
            return null;
        });
        onDeliveringThread(() -> { // another thread, whose budget the long turn did not spend
            queue.enqueue(() -> { });
            assertEquals(List.of(), deferred, "short again for a while: inline again");
            return null;
        });
    }

    @Test
    void aTurnThatHandsAnotherObjectAnEventNeverRunsThatTurnInsideItself() throws Exception {
        var deferred = new ArrayList<Runnable>();
        var a = new TurnQueue(deferred::add, true);
        var b = new TurnQueue(deferred::add, true);
        var order = new ArrayList<String>();
        onDeliveringThread(() -> {
            warm(a, deferred);
            warm(b, deferred);
            a.enqueue(() -> {
                b.enqueue(() -> order.add("b"));
                order.add("a ends");
            });
            assertEquals(List.of("a ends"), order, "b waits for the pool, not inside a's turn");
            assertEquals(1, deferred.size());
            deferred.remove(0).run();
            return null;
        });
        assertEquals(List.of("a ends", "b"), order);
    }

    @Test
    void otherThreadsAndInjectedExecutorsAlwaysGoThroughTheQueue() throws Exception {
        var deferred = new ArrayList<Runnable>();
        var queue = new TurnQueue(deferred::add, true);
        onDeliveringThread(() -> {
            warm(queue, deferred);
            return null;
        });
        queue.enqueue(() -> { }); // this test's thread delivers nothing
        assertEquals(1, deferred.size());
        deferred.remove(0).run();

        var injected = new TurnQueue(deferred::add, false); // a test's or a deterministic executor
        onDeliveringThread(() -> {
            warm(injected, deferred);
            injected.enqueue(() -> { });
            assertEquals(1, deferred.size(), "an injected executor runs every turn");
            deferred.remove(0).run();
            return null;
        });
    }

    @Test
    void aDroppedInstanceStartsOverOnThePool() throws Exception {
        var deferred = new ArrayList<Runnable>();
        var queue = new TurnQueue(deferred::add, true);
        onDeliveringThread(() -> {
            warm(queue, deferred);
            queue.instanceDropped(); // hibernated: the next event runs the constructor first
            queue.enqueue(() -> { });
            assertEquals(1, deferred.size());
            deferred.remove(0).run();
            return null;
        });
    }

    @Test
    void manyDeliveringThreadsAndThePoolNeverOverlapTurnsAndKeepEachSendersOrder() throws Exception {
        // S-TURN-2 with turns taken both inline and by the pool: one at a time, each sender in order.
        int senders = 4;
        int each = 3_000;
        var pool = new java.util.concurrent.ForkJoinPool(2);
        var queue = new TurnQueue(pool, true);
        var running = new java.util.concurrent.atomic.AtomicInteger();
        var overlaps = new java.util.concurrent.atomic.AtomicInteger();
        var outOfOrder = new java.util.concurrent.atomic.AtomicInteger();
        var inline = new java.util.concurrent.atomic.AtomicInteger();
        int[] last = new int[senders];
        java.util.Arrays.fill(last, -1);
        var done = new java.util.concurrent.CountDownLatch(senders * each);
        var threads = new ArrayList<Thread>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            var thread = new Thread(() -> {
                InlineTurns.markDeliveringThread();
                Thread me = Thread.currentThread();
                for (int i = 0; i < each; i++) {
                    int seq = i;
                    queue.enqueue(() -> {
                        if (running.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        if (last[sender] != seq - 1) {
                            outOfOrder.incrementAndGet();
                        }
                        last[sender] = seq;
                        if (Thread.currentThread() == me) {
                            inline.incrementAndGet();
                        }
                        running.decrementAndGet();
                        done.countDown();
                    });
                }
            }, "delivering-" + s);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        try {
            assertTrue(done.await(30, java.util.concurrent.TimeUnit.SECONDS), "every turn ran");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, overlaps.get(), "turns overlapped");
        assertEquals(0, outOfOrder.get(), "a sender's turns ran out of order");
        assertTrue(inline.get() < senders * each, inline + " of " + senders * each + " ran inline: the first ones go to the pool");
    }

    /** Runs SHORT_STREAK short turns through the pool (the deferring executor), as a new object's first turns. */
    private static void warm(TurnQueue queue, List<Runnable> deferred) {
        for (int i = 0; i < TurnQueue.SHORT_STREAK; i++) {
            queue.enqueue(() -> { });
            assertEquals(1, deferred.size(), "turn " + i + " goes to the pool");
            deferred.remove(0).run();
        }
    }

    private static void busyFor(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** Runs {@code body} on a new thread marked as one that delivers network events. */
    private static <T> T onDeliveringThread(java.util.concurrent.Callable<T> body) throws Exception {
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            return executor.submit(() -> {
                InlineTurns.markDeliveringThread();
                return body.call();
            }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }
}
