package dev.switchboard.durable.internal;

import dev.switchboard.durable.AlarmHandler;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectFactory;
import dev.switchboard.durable.Env;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One instance lifetime of an object, as in Orleans: created when the instance is constructed,
 * gone when it is hibernated, evicted or reset. Holds the instance, the {@code DurableObjectState}
 * given to it, its generation and an explicit {@link State}.
 *
 * <pre>
 *   CONSTRUCTING ──constructor returned──► RUNNING ◄──turn starts── IDLE
 *        │                                   │ └──────turn ends──────►─┘
 *        └──constructor threw──► DEACTIVATED ◄──hibernate / evict / reset / shutdown / reload (from IDLE)
 * </pre>
 *
 * <p>Threads: the instance is touched only by turns of its host, which never overlap; the state is
 * volatile so snapshots from other threads read it.
 */
final class Activation {

    /** Where an activation is in its life. */
    enum State {
        /** The constructor runs (the first turn). */
        CONSTRUCTING,
        /** A turn runs user code. */
        RUNNING,
        /** In memory, nothing running. */
        IDLE,
        /** Dropped; the instance is garbage. */
        DEACTIVATED;

        private static final Map<State, Set<State>> NEXT = Map.of(
                CONSTRUCTING, EnumSet.of(RUNNING, DEACTIVATED),
                RUNNING, EnumSet.of(IDLE),
                IDLE, EnumSet.of(RUNNING, DEACTIVATED),
                DEACTIVATED, EnumSet.noneOf(State.class));

        /** Returns whether an activation in this state may move to {@code next}. */
        boolean canMoveTo(State next) {
            return NEXT.get(this).contains(next);
        }
    }

    private final ObjectStateContext context;
    private final long generation;
    private DurableObject instance;
    private volatile State state = State.CONSTRUCTING;

    private Activation(ObjectHost host, long generation) {
        this.context = new ObjectStateContext(host, generation);
        this.generation = generation;
    }

    /**
     * Constructs an instance with {@code factory}; called inside a turn of {@code host}. The new
     * activation is RUNNING: the turn that constructed it goes on to deliver its event.
     *
     * @throws Exception what the constructor threw; the activation is then DEACTIVATED and dropped
     */
    static Activation construct(ObjectHost host, long generation, DurableObjectFactory factory, Env env)
            throws Exception {
        var activation = new Activation(host, generation);
        host.constructing(activation);
        try {
            activation.instance = factory.create(activation.context, env);
            if (activation.instance == null) {
                throw new IllegalStateException("the factory returned null instead of an instance");
            }
        } catch (Exception | Error e) {
            activation.moveTo(State.DEACTIVATED);
            throw e;
        }
        activation.moveTo(State.RUNNING);
        return activation;
    }

    /**
     * Moves to {@code next}.
     *
     * @throws IllegalStateException for a transition the diagram above does not have: a runtime bug
     */
    void moveTo(State next) {
        State current = state;
        if (!current.canMoveTo(next)) {
            throw new IllegalStateException("activation gen " + generation + " cannot go from " + current + " to " + next);
        }
        state = next;
        if (next == State.DEACTIVATED) {
            instance = null;
        }
    }

    State state() {
        return state;
    }

    ObjectStateContext context() {
        return context;
    }

    DurableObject instance() {
        return instance;
    }

    long generation() {
        return generation;
    }

    /**
     * Returns whether the instance declares an alarm handler (S-ALM-4). While the constructor runs
     * the class is not known yet; the host checks again once it returned.
     */
    boolean handlesAlarms() {
        return state == State.CONSTRUCTING || instance instanceof AlarmHandler;
    }
}
