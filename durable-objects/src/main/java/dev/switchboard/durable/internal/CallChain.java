package dev.switchboard.durable.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The objects a call passed through, so that A→B→A fails fast instead of waiting forever
 * (S-TURN-4): A's turn cannot end while it waits for B, and B's call to A would queue behind it.
 */
final class CallChain {

    static final CallChain EMPTY = new CallChain(List.of());

    private final List<ObjectKey> keys;

    private CallChain(List<ObjectKey> keys) {
        this.keys = keys;
    }

    boolean contains(ObjectKey key) {
        return keys.contains(key);
    }

    CallChain plus(ObjectKey key) {
        var next = new ArrayList<>(keys);
        next.add(key);
        return new CallChain(List.copyOf(next));
    }

    /** Returns the chain closed by {@code key}: {@code ROOMS:a → ROOMS:b → ROOMS:a}. */
    String describeCycle(ObjectKey key) {
        return keys.stream().map(ObjectKey::describe).collect(Collectors.joining(" → ")) + " → " + key.describe();
    }
}
