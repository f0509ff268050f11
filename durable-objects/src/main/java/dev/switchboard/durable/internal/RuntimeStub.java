package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.util.concurrent.CompletableFuture;

/**
 * A stub: each call becomes a turn on the object's queue. Remembers the object's reset epoch at its
 * first call, so a call after a reset fails instead of silently reaching a new instance (S-LIFE-3).
 */
final class RuntimeStub implements DurableObjectStub {

    private final ObjectRegistry registry;
    private final ObjectKey key;
    private volatile int epoch = -1;

    RuntimeStub(ObjectRegistry registry, ObjectKey key) {
        this.registry = registry;
        this.key = key;
    }

    @Override
    public DurableObjectId id() {
        return key.id();
    }

    @Override
    public CompletableFuture<Response> fetch(Request request) {
        var result = new CompletableFuture<Response>();
        Turn caller = Turn.current();
        CallChain chain = caller == null ? CallChain.EMPTY : caller.chain().plus(caller.activation().key);
        if (chain.contains(key)) {
            result.completeExceptionally(new DurableObjectException(DurableObjectException.Code.CALL_CYCLE,
                    "call cycle " + chain.describeCycle(key) + ": " + key.describe()
                            + " is waiting in this chain and runs one event at a time, so the call would never start;"
                            + " break the cycle, or reply first and call back later (S-TURN-4)"));
            return result;
        }
        int current = registry.resetEpoch(key);
        if (epoch == -1) {
            epoch = current;
        } else if (epoch != current) {
            result.completeExceptionally(new DurableObjectException(DurableObjectException.Code.OBJECT_RESET,
                    key.describe() + " was reset since this stub last called it; get a new stub with namespace.get(id)"));
            return result;
        }
        if (caller != null) {
            caller.activation().callStarted(result);
            if (caller.holdsOutput()) {
                // The output gate: the call leaves only after the writes made before it are durable.
                caller.activation().storage.sync();
            }
        }
        try {
            registry.submit(key, a -> a.runTurn("fetch", chain, o -> o.fetch(request), result));
        } catch (DurableObjectException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public String toString() {
        return "stub of " + key.describe();
    }
}
