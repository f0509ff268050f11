package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.SqlStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Keeps every object's data in memory for the life of the process; nothing is written to disk.
 * Key-value and alarms only, no SQL: the runtime's default is {@link SqliteStorageEngine#inMemory()},
 * which also keeps nothing on disk and supports SQL. Kept as the simplest reference backend and for
 * tests of the storage contract.
 */
public final class MemoryStorageEngine implements StorageEngine {

    private final ConcurrentHashMap<String, MemoryObjectStore> stores = new ConcurrentHashMap<>();

    @Override
    public ObjectStore open(String binding, DurableObjectId id) {
        return stores.computeIfAbsent(binding + "/" + id, k -> new MemoryObjectStore(binding, id));
    }

    @Override
    public List<StoredAlarm> storedAlarms() {
        var result = new ArrayList<StoredAlarm>();
        for (MemoryObjectStore store : stores.values()) {
            Instant time = store.alarm;
            if (time != null) {
                result.add(new StoredAlarm(store.binding, store.id, time));
            }
        }
        return result;
    }

    @Override
    public String describe() {
        return "in memory";
    }

    @Override
    public void close() {
        stores.clear();
    }

    /** One object's entries, with an undo log for the open transaction and its savepoints. */
    private static final class MemoryObjectStore implements ObjectStore {
        private final String binding;
        private final DurableObjectId id;
        private final ConcurrentSkipListMap<String, byte[]> data = new ConcurrentSkipListMap<>(KeyOrder.UTF8);
        private volatile Instant alarm;
        private final List<Runnable> undo = new ArrayList<>();
        private final List<Integer> savepoints = new ArrayList<>();

        MemoryObjectStore(String binding, DurableObjectId id) {
            this.binding = binding;
            this.id = id;
        }

        @Override
        public byte[] get(String key) {
            return data.get(key);
        }

        @Override
        public List<Entry> list(ListOptions options) {
            NavigableMap<String, byte[]> view = data;
            String from = options.start() != null ? options.start() : options.startAfter();
            boolean fromInclusive = options.startAfter() == null;
            String prefix = options.prefix();
            if (prefix != null && (from == null || KeyOrder.compare(prefix, from) > 0)) {
                from = prefix;
                fromInclusive = true;
            }
            if (from != null) {
                view = view.tailMap(from, fromInclusive);
            }
            if (options.end() != null) {
                view = view.headMap(options.end(), false);
            }
            if (options.reverse()) {
                view = view.descendingMap();
            }
            var result = new ArrayList<Entry>();
            for (var e : view.entrySet()) {
                if (prefix != null && !e.getKey().startsWith(prefix)) {
                    if (options.reverse()) {
                        continue;
                    }
                    break;
                }
                result.add(new Entry(e.getKey(), e.getValue()));
                if (options.limit() > 0 && result.size() == options.limit()) {
                    break;
                }
            }
            return result;
        }

        @Override
        public void put(String key, byte[] value) {
            byte[] previous = data.put(key, value);
            undo.add(() -> restore(key, previous));
        }

        @Override
        public boolean delete(String key) {
            byte[] previous = data.remove(key);
            if (previous != null) {
                undo.add(() -> data.put(key, previous));
            }
            return previous != null;
        }

        @Override
        public void deleteAll() {
            var copy = new ArrayList<>(data.entrySet());
            data.clear();
            undo.add(() -> copy.forEach(e -> data.put(e.getKey(), e.getValue())));
        }

        @Override
        public Optional<Instant> alarm() {
            return Optional.ofNullable(alarm);
        }

        @Override
        public void setAlarm(Instant time) {
            Instant previous = alarm;
            alarm = time;
            undo.add(() -> alarm = previous);
        }

        @Override
        public int savepoint() {
            savepoints.add(undo.size());
            return savepoints.size();
        }

        @Override
        public void release(int depth) {
            truncateSavepoints(depth);
        }

        @Override
        public void rollbackTo(int depth) {
            int mark = savepoints.get(depth - 1);
            undoTo(mark);
            truncateSavepoints(depth);
        }

        @Override
        public boolean hasChanges() {
            return !undo.isEmpty();
        }

        @Override
        public void commit() {
            undo.clear();
            savepoints.clear();
        }

        @Override
        public void rollback() {
            undoTo(0);
            savepoints.clear();
        }

        @Override
        public SqlStorage sql() {
            throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                    "the SQL API needs SQLite storage; this runtime keeps storage in memory without SQL");
        }

        @Override
        public void close() {
            rollback();
        }

        private void restore(String key, byte[] previous) {
            if (previous == null) {
                data.remove(key);
            } else {
                data.put(key, previous);
            }
        }

        private void undoTo(int mark) {
            for (int i = undo.size() - 1; i >= mark; i--) {
                undo.remove(i).run();
            }
        }

        private void truncateSavepoints(int depth) {
            while (savepoints.size() >= depth) {
                savepoints.remove(savepoints.size() - 1);
            }
        }
    }
}
