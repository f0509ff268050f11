package dev.switchboard.durable.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

// Finding the running turn: a field on the runtime's turn threads, a ThreadLocal on any other thread.
class TurnThreadTest {

    @Test
    void turnThreadFindsItsTurnUntilTheTurnEnds() throws InterruptedException {
        var seen = new AtomicReference<Object[]>();
        var thread = new TurnThread(() -> seen.set(beginCurrentEnd()), "sb-turn-test");
        thread.start();
        thread.join();
        assertSame(seen.get()[0], seen.get()[1]);
        assertNull(seen.get()[2]);
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
    void aTurnOnOneThreadIsNotVisibleOnAnother() throws InterruptedException {
        Turn mine = Turn.begin(null, CallChain.EMPTY);
        try {
            assertNull(seenOn(task -> new TurnThread(task, "sb-turn-other")));
            assertNull(seenOn(Thread::new));
            assertSame(mine, Turn.current());
        } finally {
            Turn.end();
        }
    }

    /** Begins a turn, reads Turn.current(), ends the turn, reads again: {begun, seen, afterEnd}. */
    private static Object[] beginCurrentEnd() {
        Turn begun = Turn.begin(null, CallChain.EMPTY);
        Turn seen = Turn.current();
        Turn.end();
        return new Object[] {begun, seen, Turn.current()};
    }

    private static Turn seenOn(Function<Runnable, Thread> factory) throws InterruptedException {
        var seen = new AtomicReference<Turn>();
        Thread thread = factory.apply(() -> seen.set(Turn.current()));
        thread.start();
        thread.join();
        return seen.get();
    }
}
