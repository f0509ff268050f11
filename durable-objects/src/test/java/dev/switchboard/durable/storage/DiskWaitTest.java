package dev.switchboard.durable.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Storage work that waits on the disk lets a fork-join pool run other work meanwhile. */
class DiskWaitTest {

    @Test
    void workWaitingOnTheDiskLetsTheOneThreadOfItsPoolRunTheNextTask() throws Exception {
        var pool = new ForkJoinPool(1);
        try {
            var second = new CountDownLatch(1);
            // The first task waits for the second; with a single thread and no spare, it would wait for ever.
            var first = CompletableFuture.supplyAsync(() -> DiskWait.run(() -> {
                try {
                    return second.await(30, TimeUnit.SECONDS) ? "ran" : "starved";
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }), pool);
            pool.execute(second::countDown);

            assertEquals("ran", first.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void elsewhereTheWorkSimplyRunsOnTheCaller() {
        assertEquals(Thread.currentThread().getName(), DiskWait.run(() -> Thread.currentThread().getName()));
    }
}
