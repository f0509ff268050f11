package dev.switchboard.durable;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The key-value operations shared by {@link DurableObjectStorage} and {@link DurableObjectTransaction}
 * (S-STO-1, S-STO-2).
 *
 * <p>Keys are strings ordered by their UTF-8 bytes; values are anything Jackson can serialise and
 * are read back as the type given. Multi-key calls take at most 128 keys, and key plus value are at
 * most 2 MiB; a breach throws {@code LIMIT_EXCEEDED} and writes nothing. A read sees the writes
 * made earlier in the same turn (S-STO-3).
 */
public interface StorageOperations {

    /** Returns the value of {@code key} read as {@code type}, or empty. */
    <T> Optional<T> get(String key, Class<T> type);

    /** Returns the values of {@code keys} that exist, sorted by key, read as {@code type}. */
    <T> SortedMap<String, T> get(Collection<String> keys, Class<T> type);

    /** Stores {@code value} under {@code key}. */
    void put(String key, Object value);

    /** Stores every entry of {@code entries} atomically. */
    void put(Map<String, ?> entries);

    /** Deletes {@code key}; returns whether it existed. */
    boolean delete(String key);

    /** Deletes {@code keys}; returns how many existed. */
    int delete(Collection<String> keys);

    /** Returns the entries selected by {@code options}, in key order (or reverse), read as {@code type}. */
    <T> SortedMap<String, T> list(ListOptions options, Class<T> type);

    /** Returns every entry, read as {@code type}. */
    default <T> SortedMap<String, T> list(Class<T> type) {
        return list(ListOptions.all(), type);
    }
}
