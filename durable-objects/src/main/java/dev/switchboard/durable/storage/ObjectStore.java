package dev.switchboard.durable.storage;

import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.SqlStorage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One object's data: encoded key-value entries, the alarm, and (for SQLite backends) SQL.
 *
 * <p>A store keeps one implicit transaction open from the first change until {@link #commit()} or
 * {@link #rollback()}; the runtime commits it at the end of each turn (S-STO-3). Reads see the
 * uncommitted changes. Savepoints give {@code transaction()} its nested rollback.
 *
 * <p>Threads: used by one turn at a time; implementations need no locks of their own.
 */
public interface ObjectStore {

    /** Returns the encoded value of {@code key}, or null. */
    byte[] get(String key);

    /** Returns the entries selected by {@code options}, keys ordered by their UTF-8 bytes. */
    List<Entry> list(ListOptions options);

    /** Stores {@code value} under {@code key}. */
    void put(String key, byte[] value);

    /** Deletes {@code key}; returns whether it existed. */
    boolean delete(String key);

    /** Deletes every key-value entry and the user's SQL tables and views (not the alarm). */
    void deleteAll();

    /** Returns the stored alarm time, if any. */
    Optional<Instant> alarm();

    /** Sets (or with null, deletes) the alarm time. */
    void setAlarm(Instant time);

    /** Opens a savepoint and returns its depth. */
    int savepoint();

    /** Keeps the changes since savepoint {@code depth} and closes it. */
    void release(int depth);

    /** Discards the changes since savepoint {@code depth} and closes it. */
    void rollbackTo(int depth);

    /** Returns whether there are changes not yet committed. */
    boolean hasChanges();

    /**
     * Makes every change since the last commit durable, atomically.
     *
     * @throws dev.switchboard.durable.DurableObjectException {@code STORAGE_FAILED}; the changes are
     *     then discarded
     */
    void commit();

    /** Discards every change since the last commit. */
    void rollback();

    /**
     * Returns the SQL API of this store.
     *
     * @throws dev.switchboard.durable.DurableObjectException {@code SQL_ERROR} if the backend has no SQL
     */
    SqlStorage sql();

    /** Releases handles; the data stays. */
    void close();

    /**
     * One stored entry.
     *
     * @param key the key
     * @param value the encoded value
     */
    record Entry(String key, byte[] value) {
    }
}
