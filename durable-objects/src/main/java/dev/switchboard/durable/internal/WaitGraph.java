package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import java.util.HashMap;
import java.util.Map;

/**
 * Which turns wait on which objects, so that a wait cycle fails fast instead of hanging (S-TURN-4):
 * a turn of A that joins a call to B waits until B has run it, and B runs one turn at a time, so if
 * B's running turn is itself waiting (directly or through others) on A, neither ever ends.
 *
 * <pre>
 *   request 1: A's turn ──joins call──► B   (queued behind B's running turn)
 *   request 2: B's turn ──joins call──► A   (queued behind A's running turn)   ⇒ cycle: the second join fails
 * </pre>
 *
 * <p>A call chain (A→B→A within one request) is caught earlier, when the call is made; this graph
 * catches waits that meet across requests. Threads: safe from any thread; one lock, taken only
 * around a join inside a turn.
 */
final class WaitGraph {

    private final Map<ObjectHost, ObjectHost> waitingOn = new HashMap<>();

    /**
     * Records that a turn of {@code caller} now waits for {@code callee}.
     *
     * @throws DurableObjectException {@code CALL_CYCLE} naming both objects if {@code callee} already
     *     waits, directly or through others, for {@code caller}; nothing is recorded then
     */
    synchronized void enter(ObjectHost caller, ObjectHost callee) {
        var path = new StringBuilder(caller.key().describe());
        ObjectHost next = callee;
        while (next != null) {
            path.append(" → ").append(next.key().describe());
            if (next == caller) {
                throw new DurableObjectException(DurableObjectException.Code.CALL_CYCLE,
                        "wait cycle across requests " + path + ": " + caller.key().describe() + " waits for "
                                + callee.key().describe() + ", which is already waiting for "
                                + caller.key().describe() + ", and each runs one event at a time;"
                                + " don't join calls in both directions, or reply first and call back later (S-TURN-4)");
            }
            next = waitingOn.get(next);
        }
        waitingOn.put(caller, callee);
    }

    /** Records that the turn of {@code caller} stopped waiting. */
    synchronized void leave(ObjectHost caller) {
        waitingOn.remove(caller);
    }
}
