package dev.switchboard.worker.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.SocketInfo;
import dev.switchboard.durable.StorageReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link ObjectControl} on a {@link DurableObjectRuntime}: snapshots, operator actions and storage
 * reads ({@link DurableObjectRuntime#readStorage}, which wakes nothing) go to the runtime.
 */
public final class RuntimeObjectControl implements ObjectControl {

    private static final long ACTION_WAIT_SECONDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

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
    public List<ObjectInfo> knownObjects() {
        return runtime.knownObjects();
    }

    @Override
    public Optional<ObjectInfo> object(String binding, DurableObjectId id) {
        return runtime.object(binding, id).or(() -> runtime.knownObjects().stream()
                .filter(o -> o.binding().equals(binding) && o.id().equals(id)).findFirst());
    }

    @Override
    public List<SocketInfo> sockets(String binding, DurableObjectId id) {
        return runtime.sockets(binding, id);
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
        if (runtime.object(binding, id).isEmpty()) {
            // Nothing in memory to reset: its storage is kept by a reset anyway (S-LIFE-3).
            return CompletableFuture.completedFuture(object(binding, id).orElse(gone(binding, id, null)));
        }
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
                List.of(), before == null ? null : before.lastEventAt(), before == null ? null : before.alarmAt(),
                before == null ? -1 : before.storageBytes());
    }

    @Override
    public List<StorageEntry> storage(String binding, DurableObjectId id, String prefix, int limit) {
        return read(binding, id, reader -> reader.list(prefix, limit).entrySet().stream()
                .map(e -> entry(e.getKey(), e.getValue())).toList());
    }

    @Override
    public Optional<StorageEntry> storageValue(String binding, DurableObjectId id, String key) {
        return read(binding, id, reader -> reader.get(key).map(json -> entry(key, json)));
    }

    @Override
    public SqlResult sql(String binding, DurableObjectId id, String query, List<Object> params) {
        return read(binding, id, reader -> {
            List<Map<String, Object>> rows = reader.query(query, params.toArray());
            List<String> columns = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet());
            List<List<Object>> values = rows.stream().map(row -> (List<Object>) new ArrayList<>(row.values())).toList();
            return new SqlResult(columns, values);
        });
    }

    /** Runs {@code reader} on the object's storage and waits; the runtime's refusals come through as they are. */
    private <T> T read(String binding, DurableObjectId id, Function<StorageReader, T> reader) {
        try {
            return runtime.readStorage(binding, id, reader).get(ACTION_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(binding + " " + id.label() + " did not let its storage be read within "
                    + ACTION_WAIT_SECONDS + " s; a long turn may be running, try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Returns one entry: the value as JSON (text that is not JSON is shown as a string), its size in bytes. */
    private static StorageEntry entry(String key, String json) {
        Object value;
        try {
            value = JSON.readTree(json);
        } catch (IOException notJson) {
            value = json;
        }
        return new StorageEntry(key, value, json.getBytes(StandardCharsets.UTF_8).length);
    }

    private static void close(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            // removing a listener does not fail
        }
    }
}
