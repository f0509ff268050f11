package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.durable.InDurableObject;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.SocketInfo;
import dev.switchboard.durable.StorageReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What operators and tools do with objects: list every known object, read storage, hibernate or evict
 * one, run code inside one. Each action runs on the object's own queue, so it never races a turn,
 * and none of them constructs or wakes an object unless it says so.
 *
 * <p>Threads: every method is safe from any thread.
 */
public final class ObjectControl {

    private final ObjectRegistry registry;

    /** Creates the operator view of {@code registry}. */
    public ObjectControl(ObjectRegistry registry) {
        this.registry = registry;
    }

    /**
     * Returns every known object: those in memory, and those with data in storage but nothing in memory
     * (INACTIVE, generation 0, no name). Opens nothing.
     */
    public List<ObjectInfo> snapshotAll() {
        var result = new ArrayList<>(registry.snapshot());
        var inMemory = new HashSet<ObjectKey>();
        result.forEach(info -> inMemory.add(new ObjectKey(info.binding(), info.id())));
        for (var stored : registry.storage().storedObjects()) {
            var key = new ObjectKey(stored.binding(), stored.id());
            if (registry.classes().containsKey(stored.binding()) && !inMemory.contains(key)) {
                result.add(new ObjectInfo(stored.binding(), stored.id(), ObjectState.INACTIVE,
                        0, 0, 0, List.of(), null, registry.alarms().scheduled(key).orElse(null),
                        registry.storage().storedBytes(stored.binding(), stored.id())));
            }
        }
        result.sort(Comparator.comparing(ObjectInfo::binding).thenComparing(i -> i.id().toString()));
        return result;
    }

    /**
     * Returns the sockets of an object in memory, read from its host without constructing or waking
     * it; empty when nothing of it is in memory.
     */
    public List<SocketInfo> sockets(String binding, DurableObjectId id) {
        ObjectHost host = registry.existing(new ObjectKey(binding, id));
        return host == null ? List.of() : host.sockets().describe();
    }

    /**
     * Runs {@code reader} on an object's storage without constructing or waking it; see
     * {@code DurableObjectRuntime.readStorage}.
     */
    public <T> CompletableFuture<T> readStorage(String binding, DurableObjectId id,
                                                Function<StorageReader, T> reader) {
        var result = new CompletableFuture<T>();
        try {
            registry.factory(binding);
            registry.submit(new ObjectKey(binding, id), host -> inspect(host, reader, result));
        } catch (DurableObjectException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Runs {@code body} as a turn of the object behind {@code stub}, constructing it if needed; see
     * {@code DurableObjectRuntime.runInDurableObject}.
     */
    public <O extends DurableObject, T> CompletableFuture<T> runInDurableObject(
            DurableObjectStub stub, Class<O> type,
            InDurableObject<O, T> body) {
        var result = new CompletableFuture<T>();
        if (!(stub instanceof RuntimeStub own) || own.registry() != registry) {
            result.completeExceptionally(new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "runInDurableObject needs a stub of this runtime, got " + stub
                            + "; get it from this runtime's namespace"));
            return result;
        }
        try {
            registry.submit(own.key(), host -> runInObject(host, (instance, state) -> {
                if (!type.isInstance(instance)) {
                    throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                            own.key().describe() + " is a " + instance.getClass().getName() + ", not a " + type.getName()
                                    + "; pass the object's own class");
                }
                return body.run(type.cast(instance), state);
            }, result));
        } catch (DurableObjectException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Runs {@code operation} on the host of an object in memory, without constructing or waking it,
     * and returns the object's snapshot afterwards; an object not in memory gets its snapshot (empty)
     * at once.
     */
    private CompletableFuture<Optional<ObjectInfo>> operate(String binding, DurableObjectId id,
                                                            Consumer<ObjectHost> operation) {
        var key = new ObjectKey(binding, id);
        ObjectHost host = registry.existing(key);
        var done = new CompletableFuture<Optional<ObjectInfo>>();
        if (host == null || !host.submit(() -> {
            try {
                operation.accept(host);
            } finally {
                done.complete(registry.snapshot(binding, id));
            }
        })) {
            done.complete(registry.snapshot(binding, id));
        }
        return done;
    }

    /** Hibernates an object in memory now if nothing pins it; completes with its snapshot afterwards. */
    public CompletableFuture<Optional<ObjectInfo>> hibernate(String binding, DurableObjectId id) {
        return operate(binding, id, h -> h.hibernate("operator"));
    }

    /**
     * Evicts an object in memory now: its sockets are closed with 1001 and nothing of it stays in
     * memory; completes with its snapshot afterwards (empty once it is gone).
     */
    public CompletableFuture<Optional<ObjectInfo>> evict(String binding, DurableObjectId id) {
        return operate(binding, id, h -> h.closeAndDrop(1001, "object evicted by the operator",
                LifecycleEvent.Kind.EVICTED, "operator"));
    }

    /**
     * Runs {@code reader} on the object's storage as an inspection: on the host's queue, so never beside
     * a turn, without constructing or waking the instance and without counting as an event. Whatever it
     * changed is rolled back; a host with nothing else in memory goes again afterwards.
     */
    private static <T> void inspect(ObjectHost host, Function<StorageReader, T> reader, CompletableFuture<T> result) {
        Turn.begin(host, CallChain.EMPTY);
        try {
            result.complete(reader.apply(new HostStorageReader(host.storage())));
        } catch (Throwable t) {
            result.completeExceptionally(t);
        } finally {
            try {
                host.storage().rollback();
                if (host.activation() == null) {
                    host.storage().close();
                    host.registry().retireIfUnused(host);
                }
            } finally {
                Turn.end();
            }
        }
    }

    /** The body of {@code runInDurableObject}: the instance and its state, inside a turn. */
    @FunctionalInterface
    private interface InObject<T> {
        T run(DurableObject instance, DurableObjectState state) throws Exception;
    }

    /** Runs {@code body} as a turn of {@code host} with its instance, constructing it if needed. */
    private static <T> void runInObject(ObjectHost host, InObject<T> body, CompletableFuture<T> result) {
        host.runTurn("runInDurableObject", CallChain.EMPTY, true,
                instance -> body.run(instance, host.activation().context()), result);
    }
}
