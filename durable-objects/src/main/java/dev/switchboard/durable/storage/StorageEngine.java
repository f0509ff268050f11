package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectId;
import java.util.List;

/**
 * Where objects keep their data: one {@link ObjectStore} per object. The runtime opens a store
 * when an object first touches storage.
 *
 * <p>Threads: {@link #open} may be called from any thread; each store is then used by one turn at
 * a time.
 */
public interface StorageEngine extends AutoCloseable {

    /**
     * Returns the store of object {@code id} bound as {@code binding}. Cheap: a backend creates files
     * only on the first write, so objects that never store anything cost nothing.
     */
    ObjectStore open(String binding, DurableObjectId id);

    /**
     * Returns every alarm kept in storage, so the runtime can schedule them when it starts (S-ALM-2).
     * May name objects whose alarm is already gone (the runtime checks again before firing); must not
     * miss one. Called once at start; must stay cheap for many objects.
     */
    default List<StoredAlarm> storedAlarms() {
        return List.of();
    }

    /**
     * Returns the objects that have stored data, by binding and id, without opening them: what an
     * operator view lists besides the objects in memory. Backends that cannot tell return an empty list.
     */
    default List<StoredObject> storedObjects() {
        return List.of();
    }

    /** Returns the bytes object {@code id} keeps in storage without opening it, or -1 when unknown. */
    default long storedBytes(String binding, DurableObjectId id) {
        return -1;
    }

    /** Returns a short description for banners and logs, such as {@code "in memory"}. */
    String describe();

    /** Releases every store; called at shutdown after pending commits finished. */
    @Override
    void close();
}
