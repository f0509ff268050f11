package dev.switchboard.durable.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

// The turn queue: order, retirement, and survival of a failing task (S-TURN-2).
class TurnQueueTest {

    @Test
    void tasksRunInArrivalOrderAndAFailingTaskDoesNotStopTheQueue() {
        var ran = new ArrayList<String>();
        var queue = new TurnQueue(Runnable::run);
        queue.enqueue(() -> ran.add("first"));
        queue.enqueue(() -> {
            throw new IllegalStateException("a runtime bug");
        });
        queue.enqueue(() -> ran.add("third"));
        assertEquals(List.of("first", "third"), ran);
    }

    @Test
    void aRetiredQueueRefusesTasksSoTheCallerFindsTheNextActivation() {
        var queue = new TurnQueue(Runnable::run);
        assertTrue(queue.retireIfEmpty());
        assertFalse(queue.enqueue(() -> { }));
    }

    @Test
    void aQueueWithWaitingTasksIsNotRetired() {
        var deferred = new ArrayList<Runnable>();
        var queue = new TurnQueue(deferred::add);
        queue.enqueue(() -> { });
        assertFalse(queue.retireIfEmpty());
        deferred.get(0).run();
        assertTrue(queue.retireIfEmpty());
    }
}
