package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.util.concurrent.CompletableFuture;

/**
 * A stub: each call becomes a turn on the object's queue. Remembers the host it last reached and
 * that host's reset epoch, so a call after a reset fails instead of silently reaching a new instance
 * (S-LIFE-3); an object that was merely evicted is reached again.
 */
final class RuntimeStub implements DurableObjectStub {

    private final ObjectRegistry registry;
    private final ObjectKey key;
    private ObjectHost reached; // guarded by this
    private int epoch; // guarded by this

    RuntimeStub(ObjectRegistry registry, ObjectKey key) {
        this.registry = registry;
        this.key = key;
    }

    ObjectRegistry registry() {
        return registry;
    }

    ObjectKey key() {
        return key;
    }

    @Override
    public DurableObjectId id() {
        return key.id();
    }

    @Override
    public CompletableFuture<Response> fetch(Request request) {
        return call((host, chain, result) ->
                host.runTurn("fetch", chain, true, o -> o.fetch(request), result));
    }

    /** Starts one turn on the object. */
    @FunctionalInterface
    interface TurnStart<T> {
        void start(ObjectHost host, CallChain chain, CompletableFuture<T> result);
    }

    /** Makes a call: checks cycles and resets, keeps the output gate, and binds the result to the caller. */
    <T> CompletableFuture<T> call(TurnStart<T> start) {
        var raw = new CompletableFuture<T>();
        Turn caller = Turn.running();
        CallChain chain = caller == null ? CallChain.EMPTY : caller.chain().plus(caller.host().key());
        if (chain.contains(key)) {
            raw.completeExceptionally(new DurableObjectException(DurableObjectException.Code.CALL_CYCLE,
                    "call cycle " + chain.describeCycle(key) + ": " + key.describe()
                            + " is waiting in this chain and runs one event at a time, so the call would never start;"
                            + " break the cycle, or reply first and call back later (S-TURN-4)"));
            return raw;
        }
        if (caller != null && caller.holdsOutput()) {
            // The output gate: the call leaves only after the writes made before it are durable.
            try {
                caller.host().storage().sync();
            } catch (RuntimeException e) {
                raw.completeExceptionally(e);
                return raw;
            }
        }
        ObjectHost callee;
        try {
            callee = registry.submit(key, host -> {
                if (checkEpoch(host, raw)) {
                    start.start(host, chain, raw);
                }
            });
        } catch (DurableObjectException e) {
            raw.completeExceptionally(e);
            return raw;
        }
        return caller == null ? raw : CallerFuture.of(caller.host(), callee, raw);
    }

    /** Returns false (and fails {@code result}) if the object was reset since this stub last reached it. */
    private synchronized boolean checkEpoch(ObjectHost host, CompletableFuture<?> result) {
        if (reached != null && reached.resetEpoch() != epoch) {
            result.completeExceptionally(new DurableObjectException(DurableObjectException.Code.OBJECT_RESET,
                    key.describe() + " was reset since this stub last called it; get a new stub with namespace.get(id)"));
            return false;
        }
        if (reached != host) {
            reached = host;
            epoch = host.resetEpoch();
        }
        return true;
    }

    @Override
    public <T> T rpc(Class<T> api) {
        return RpcClient.create(this, api);
    }

    @Override
    public String toString() {
        return "stub of " + key.describe();
    }
}
