package dev.switchboard.durable.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.internal.Activation.State;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

// Activation states: the transitions of the diagram in Activation's Javadoc, and no others.
class ActivationTest {

    private static final Map<State, Set<State>> DIAGRAM = Map.of(
            State.CONSTRUCTING, EnumSet.of(State.RUNNING, State.DEACTIVATED),
            State.RUNNING, EnumSet.of(State.IDLE),
            State.IDLE, EnumSet.of(State.RUNNING, State.DEACTIVATED),
            State.DEACTIVATED, EnumSet.noneOf(State.class));

    @Test
    void everyTransitionOfTheDiagramIsAllowedAndNoOther() {
        for (State from : State.values()) {
            for (State to : State.values()) {
                assertEquals(DIAGRAM.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void aDeactivatedActivationNeverComesBack() {
        for (State to : State.values()) {
            assertFalse(State.DEACTIVATED.canMoveTo(to), "DEACTIVATED -> " + to);
        }
    }

    @Test
    void anIdleActivationCanRunAgainOrGo() {
        assertTrue(State.IDLE.canMoveTo(State.RUNNING));
        assertTrue(State.IDLE.canMoveTo(State.DEACTIVATED));
        assertFalse(State.RUNNING.canMoveTo(State.DEACTIVATED), "a running turn ends before its activation goes");
    }
}
