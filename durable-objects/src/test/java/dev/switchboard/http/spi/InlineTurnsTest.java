package dev.switchboard.http.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

// A delivering thread's budget: a share of each window, never inside another turn.
class InlineTurnsTest {

    @Test
    void aThreadSpendsAtMostItsBudgetOfEachWindowOnTurns() {
        var budget = new InlineTurns.Budget();
        long t = InlineTurns.WINDOW_NANOS * 10;
        assertTrue(budget.allows(t));
        budget.started();
        budget.ended(InlineTurns.BUDGET_NANOS - 1);
        assertTrue(budget.allows(t + 10), "under the budget");
        budget.started();
        budget.ended(1);
        assertFalse(budget.allows(t + 20), "the window's budget is spent");
        assertTrue(budget.allows(t + InlineTurns.WINDOW_NANOS), "a new window");
    }

    @Test
    void noTurnRunsInsideAnotherOnTheSameThread() {
        var budget = new InlineTurns.Budget();
        budget.started();
        assertFalse(budget.allows(InlineTurns.WINDOW_NANOS * 3));
        budget.ended(0);
        assertTrue(budget.allows(InlineTurns.WINDOW_NANOS * 3));
    }

    @Test
    void onlyAMarkedThreadHasABudget() throws Exception {
        var marked = new boolean[2];
        var thread = new Thread(() -> {
            marked[0] = InlineTurns.here() != null;
            InlineTurns.markDeliveringThread();
            marked[1] = InlineTurns.here() != null;
        });
        thread.start();
        thread.join();
        assertFalse(marked[0]);
        assertTrue(marked[1] == InlineTurns.ENABLED);
    }
}
