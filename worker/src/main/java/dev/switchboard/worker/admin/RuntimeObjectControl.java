package dev.switchboard.worker.admin;

import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ObjectControl} on a {@link DurableObjectRuntime}: snapshots and operator actions go to the
 * runtime; storage reads fail with {@link UnsupportedOperationException} until the runtime offers
 * them without waking the object.
 */
public final class RuntimeObjectControl implements ObjectControl {

    private static final long ACTION_WAIT_SECONDS = 5;

    private final DurableObjectRuntime runtime;

    /** Creates the control of {@code runtime}. */
    public RuntimeObjectControl(DurableObjectRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<ObjectInfo> objects() {
        return runtime.objects();
    }

    @Override
    public Optional<ObjectInfo> object(String binding, DurableObjectId id) {
        return runtime.object(binding, id);
    }

    @Override
    public DurableObjectId id(String binding, String nameOrId) {
        var namespace = runtime.namespace(binding);
        return DurableObjectId.isHex64(nameOrId) ? namespace.idFromString(nameOrId) : namespace.idFromName(nameOrId);
    }

    @Override
    public CompletableFuture<ObjectInfo> hibernate(String binding, DurableObjectId id) {
        return runtime.hibernate(binding, id).thenApply(info -> info.orElse(null));
    }

    @Override
    public CompletableFuture<ObjectInfo> evict(String binding, DurableObjectId id) {
        ObjectInfo before = runtime.object(binding, id).orElse(null);
        return runtime.evict(binding, id).thenApply(info -> info.orElse(gone(binding, id, before)));
    }

    @Override
    public CompletableFuture<ObjectInfo> reset(String binding, DurableObjectId id, String reason) {
        var done = new CompletableFuture<ObjectInfo>();
        AutoCloseable listener = runtime.onLifecycle(event -> {
            if (event.kind() == LifecycleEvent.Kind.RESET && event.binding().equals(binding) && event.id().equals(id)) {
                done.complete(runtime.object(binding, id).orElse(null));
            }
        });
        runtime.reset(binding, id, reason);
        // A hibernated object has no instance to reset and says nothing; its snapshot is the answer then.
        return done.completeOnTimeout(null, ACTION_WAIT_SECONDS, TimeUnit.SECONDS)
                .thenApply(info -> info != null ? info : runtime.object(binding, id).orElse(null))
                .whenComplete((info, error) -> close(listener));
    }

    @Override
    public CompletableFuture<ObjectInfo> runAlarm(String binding, DurableObjectId id) {
        return runtime.runAlarm(binding, id).thenApply(ran -> {
            if (!ran) {
                throw new IllegalStateException("no alarm is set; an object sets one with storage.setAlarm(...)");
            }
            return runtime.object(binding, id).orElse(gone(binding, id, null));
        });
    }

    /** The snapshot of an object of which nothing is in memory any more; it keeps the last generation. */
    private static ObjectInfo gone(String binding, DurableObjectId id, ObjectInfo before) {
        return new ObjectInfo(binding, id, ObjectState.INACTIVE, before == null ? 0 : before.generation(), 0, 0,
                List.of());
    }

    @Override
    public List<StorageEntry> storage(String binding, DurableObjectId id, String prefix, int limit) {
        throw notYet("read the storage of");
    }

    @Override
    public Optional<StorageEntry> storageValue(String binding, DurableObjectId id, String key) {
        throw notYet("read the storage of");
    }

    @Override
    public SqlResult sql(String binding, DurableObjectId id, String query, List<Object> params) {
        throw notYet("query the SQL storage of");
    }

    private static UnsupportedOperationException notYet(String what) {
        return new UnsupportedOperationException("this runtime cannot " + what + " an object without waking it yet");
    }

    private static void close(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            // removing a listener does not fail
        }
    }
}
