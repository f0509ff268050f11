package dev.switchboard.durable.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

// Finding the running turn: a field on the runtime's turn threads, a ThreadLocal on any other thread.
class TurnThreadTest {

    @Test
    void turnThreadFindsItsTurnUntilTheTurnEnds() throws Exception {
        ExecutorService pool = TurnPool.create();
        try {
            var seen = CompletableFuture.supplyAsync(TurnThreadTest::beginCurrentEnd, pool).get();
            assertSame(seen[0], seen[1]);
            assertNull(seen[2]);
            var thread = CompletableFuture.supplyAsync(Thread::currentThread, pool).get();
            assertInstanceOf(TurnThread.class, thread);
            assertTrue(thread.getName().startsWith("sb-turn-"), thread.getName());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void otherThreadsFindTheirTurnThroughTheThreadLocal() throws InterruptedException {
        var seen = new AtomicReference<Object[]>();
        var thread = new Thread(() -> seen.set(beginCurrentEnd()), "not-a-turn-thread");
        thread.start();
        thread.join();
        assertSame(seen.get()[0], seen.get()[1]);
        assertNull(seen.get()[2]);
    }

    @Test
    void aTurnOnOneThreadIsNotVisibleOnAnother() throws Exception {
        ExecutorService pool = TurnPool.create();
        Turn mine = Turn.begin(null, CallChain.EMPTY);
        try {
            assertNull(CompletableFuture.supplyAsync(Turn::running, pool).get());
            var other = new AtomicReference<Turn>(mine);
            Thread thread = new Thread(() -> other.set(Turn.running()));
            thread.start();
            thread.join();
            assertNull(other.get());
            assertSame(mine, Turn.running());
        } finally {
            Turn.end();
            pool.shutdown();
        }
    }

    /** Begins a turn, reads Turn.running(), ends the turn, reads again: {begun, seen, afterEnd}. */
    private static Object[] beginCurrentEnd() {
        Turn begun = Turn.begin(null, CallChain.EMPTY);
        Turn seen = Turn.running();
        Turn.end();
        return new Object[] {begun, seen, Turn.running()};
    }
}
