package dev.switchboard.durable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A read-only look at one object's storage, for operators and tools: what the admin API and
 * {@code switchboard storage} show. Given to the callback of
 * {@link DurableObjectRuntime#readStorage}; valid only inside that callback.
 *
 * <p>Values are shown as the JSON text they are stored as. Nothing read here constructs or wakes the
 * object, and nothing here can change its data.
 */
public interface StorageReader {

    /** Returns up to {@code limit} entries whose keys start with {@code prefix}, in key order, as JSON text. */
    SortedMap<String, String> list(String prefix, int limit);

    /** Returns the value of {@code key} as JSON text, or empty. */
    Optional<String> get(String key);

    /**
     * Runs a read-only SQL query on the object's database (S-STO-5) and returns its rows.
     *
     * @throws DurableObjectException {@code INVALID_ARGUMENT} if the statement would change anything,
     *     {@code SQL_ERROR} if SQLite refuses it
     */
    List<Map<String, Object>> query(String sql, Object... bindings);

    /** Returns the stored alarm, or empty. */
    Optional<Instant> alarm();

    /** Returns the size of the object's database in bytes (0 when it never stored anything). */
    long databaseSize();
}
