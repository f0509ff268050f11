package dev.switchboard.worker.admin;

import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.SocketInfo;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the admin API asks of the runtime: snapshots, operator actions and storage reads, none of
 * which constructs or wakes an object. {@link RuntimeObjectControl} implements it on a
 * {@link dev.switchboard.durable.DurableObjectRuntime}.
 *
 * <p>Threads: every method is safe from any thread and returns quickly; actions complete their
 * future once the object reached its new state. An action or read the runtime cannot do yet fails
 * with {@link UnsupportedOperationException} (the API answers 501). Storage reads fail with
 * {@link dev.switchboard.durable.DurableObjectException} for a query that would write or that SQLite
 * refuses.
 */
public interface ObjectControl {

    /** Returns every object in memory (active, idle or hibernated). */
    List<ObjectInfo> objects();

    /** Returns every known object: those in memory, and those with data in storage only (INACTIVE). */
    List<ObjectInfo> knownObjects();

    /** Returns one object in memory or in storage, or empty when nothing of it is known. */
    Optional<ObjectInfo> object(String binding, DurableObjectId id);

    /** Returns the sockets an object in memory holds; empty when it holds none or is not in memory. */
    List<SocketInfo> sockets(String binding, DurableObjectId id);

    /**
     * Returns the id that {@code nameOrId} means in {@code binding}: 64 hex characters are an id,
     * anything else a name ({@code idFromName}).
     *
     * @throws dev.switchboard.durable.DurableObjectException for an unknown binding or an id of another namespace
     */
    DurableObjectId id(String binding, String nameOrId);

    /** Hibernates the object: its instance goes, its accepted sockets stay open. */
    CompletableFuture<ObjectInfo> hibernate(String binding, DurableObjectId id);

    /** Evicts the object: nothing of it stays in memory. */
    CompletableFuture<ObjectInfo> evict(String binding, DurableObjectId id);

    /** Resets the object as an operator (S-LIFE-3): sockets closed with 1011, storage kept. */
    CompletableFuture<ObjectInfo> reset(String binding, DurableObjectId id, String reason);

    /** Runs the object's alarm now, whether or not it is due. */
    CompletableFuture<ObjectInfo> runAlarm(String binding, DurableObjectId id);

    /** Lists up to {@code limit} stored keys starting with {@code prefix}, in key order. */
    List<StorageEntry> storage(String binding, DurableObjectId id, String prefix, int limit);

    /** Returns one stored value, or empty when the key is not stored. */
    Optional<StorageEntry> storageValue(String binding, DurableObjectId id, String key);

    /** Runs a read-only SQL query against the object's SQL storage. */
    SqlResult sql(String binding, DurableObjectId id, String query, List<Object> params);

    /**
     * One stored key.
     *
     * @param value the value as JSON would show it
     * @param bytes the stored size in bytes
     */
    record StorageEntry(String key, Object value, long bytes) {
    }

    /** The answer to a read-only query: column names and rows. */
    record SqlResult(List<String> columns, List<List<Object>> rows) {
    }
}
