package dev.switchboard.durable.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.StorageReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@link StorageReader} of one host, used inside an inspection on the host's queue: reads go
 * through the object's own storage, and whatever a query might change is rolled back.
 */
final class HostStorageReader implements StorageReader {

    private static final Pattern READ_ONLY = Pattern.compile("^\\s*(SELECT|WITH|EXPLAIN|VALUES)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Thrown inside the query's transaction to roll it back whatever it did. */
    private static final class Undo extends RuntimeException {
        Undo() {
            super(null, null, false, false);
        }
    }

    private final TurnStorage storage;

    HostStorageReader(TurnStorage storage) {
        this.storage = storage;
    }

    @Override
    public SortedMap<String, String> list(String prefix, int limit) {
        var options = ListOptions.builder().prefix(prefix == null || prefix.isEmpty() ? null : prefix)
                .limit(limit).build();
        SortedMap<String, JsonNode> entries = storage.list(options, JsonNode.class);
        var result = new TreeMap<String, String>(entries.comparator());
        entries.forEach((key, value) -> result.put(key, value.toString()));
        return result;
    }

    @Override
    public Optional<String> get(String key) {
        return storage.get(key, JsonNode.class).map(JsonNode::toString);
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... bindings) {
        if (sql == null || !READ_ONLY.matcher(sql).find()) {
            throw refused(sql);
        }
        var rows = new Object() {
            List<Map<String, Object>> value;
            long written;
        };
        try {
            storage.transactionSync(() -> {
                var cursor = storage.sql().exec(sql, bindings);
                rows.value = cursor.toList();
                rows.written = cursor.rowsWritten();
                throw new Undo();
            });
        } catch (Undo expected) {
            // rolled back: an inspection never changes data
        }
        if (rows.written > 0) {
            throw refused(sql);
        }
        return rows.value;
    }

    private static DurableObjectException refused(String sql) {
        String first = sql == null ? "" : sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                "only read-only queries are allowed here (SELECT, WITH, EXPLAIN, VALUES), not " + first
                        + "; change data from the object's own code");
    }

    @Override
    public Optional<Instant> alarm() {
        return storage.getAlarm();
    }

    @Override
    public long databaseSize() {
        return storage.sql().databaseSize();
    }
}
