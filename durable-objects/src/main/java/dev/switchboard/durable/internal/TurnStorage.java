package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectStorage;
import dev.switchboard.durable.DurableObjectTransaction;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.SqlCursor;
import dev.switchboard.durable.SqlStorage;
import dev.switchboard.durable.storage.KeyOrder;
import dev.switchboard.durable.storage.ObjectStore;
import dev.switchboard.durable.storage.ValueCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An object's {@link DurableObjectStorage}: checks limits, encodes values with Jackson, and marks
 * the running turn as having written, so its outputs wait for the commit at the end of the turn
 * (S-STO-2..4). The backend store is opened on first use.
 */
final class TurnStorage implements DurableObjectStorage {

    static final int MAX_KEYS_PER_CALL = 128;
    static final int MAX_ENTRY_BYTES = 2 * 1024 * 1024;

    private final ObjectHost host;
    private ObjectStore store; // turn only
    private boolean alarmTouched; // turn only: the turn set or deleted the alarm

    TurnStorage(ObjectHost host) {
        this.host = host;
    }

    // ---- the turn's transaction ----

    /** Commits the turn's writes; on failure discards them and throws {@code STORAGE_FAILED}. */
    void commit() {
        if (host.registry().isStopped()) {
            abandonAfterShutdown();
        }
        if (store != null && store.hasChanges()) {
            try {
                store.commit();
            } catch (DurableObjectException e) {
                alarmTouched = false;
                store.rollback();
                throw e;
            } catch (RuntimeException e) {
                alarmTouched = false;
                store.rollback();
                throw new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED,
                        "commit of " + host.key().describe() + " failed: " + e, e);
            }
        }
        if (alarmTouched && store != null) {
            // Only a committed alarm is scheduled: an alarm set by a turn that failed never fires (S-ALM-2).
            alarmTouched = false;
            host.registry().alarms().changed(host.key(), store.alarm());
        }
    }

    /** A turn that outlived the shutdown grace: its writes are dropped, never committed (S-LIFE-4). */
    private void abandonAfterShutdown() {
        store = null; // the engine closed it; never reopen it
        alarmTouched = false;
        throw new DurableObjectException(DurableObjectException.Code.SHUT_DOWN, host.key().describe()
                + " ran past the shutdown grace; its writes were abandoned. Keep turns short, or raise shutdownGrace");
    }

    void rollback() {
        alarmTouched = false;
        if (store != null) {
            store.rollback();
        }
    }

    void close() {
        alarmTouched = false;
        if (store != null) {
            store.rollback();
            store.close();
            store = null;
        }
    }

    private ObjectStore read() {
        checkTurn();
        if (host.registry().isStopped()) {
            abandonAfterShutdown();
        }
        if (store == null) {
            store = host.registry().storage().open(host.key().binding(), host.key().id());
        }
        return store;
    }

    private ObjectStore write() {
        ObjectStore s = read();
        Turn.running().wrote();
        return s;
    }

    private void checkTurn() {
        if (Turn.currentOf(host) == null) {
            throw new DurableObjectException(DurableObjectException.Code.NOT_IN_TURN,
                    "storage of " + host.key().describe() + " was used outside its turns;"
                            + " use ctx.storage() only from the object's constructor and handlers");
        }
    }

    // ---- key-value ----

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        checkKey(key);
        byte[] bytes = read().get(key);
        count(1, 0);
        return bytes == null ? Optional.empty() : Optional.of(ValueCodec.decode(bytes, type));
    }

    @Override
    public <T> SortedMap<String, T> get(Collection<String> keys, Class<T> type) {
        checkKeyCount(keys.size());
        keys.forEach(TurnStorage::checkKey);
        ObjectStore s = read();
        count(keys.size(), 0);
        var result = new TreeMap<String, T>(KeyOrder.UTF8);
        for (String key : keys) {
            byte[] bytes = s.get(key);
            if (bytes != null) {
                result.put(key, ValueCodec.decode(bytes, type));
            }
        }
        return result;
    }

    @Override
    public void put(String key, Object value) {
        byte[] encoded = encodeEntry(key, value);
        write().put(key, encoded);
        count(0, 1);
    }

    @Override
    public void put(Map<String, ?> entries) {
        checkKeyCount(entries.size());
        var encoded = new TreeMap<String, byte[]>(KeyOrder.UTF8);
        entries.forEach((key, value) -> encoded.put(key, encodeEntry(key, value)));
        ObjectStore s = write();
        encoded.forEach(s::put);
        count(0, encoded.size());
    }

    @Override
    public boolean delete(String key) {
        checkKey(key);
        count(0, 1);
        return write().delete(key);
    }

    @Override
    public int delete(Collection<String> keys) {
        checkKeyCount(keys.size());
        keys.forEach(TurnStorage::checkKey);
        ObjectStore s = write();
        count(0, keys.size());
        int deleted = 0;
        for (String key : keys) {
            if (s.delete(key)) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public <T> SortedMap<String, T> list(ListOptions options, Class<T> type) {
        var result = new TreeMap<String, T>(options.reverse() ? KeyOrder.UTF8.reversed() : KeyOrder.UTF8);
        for (ObjectStore.Entry entry : read().list(options)) {
            result.put(entry.key(), ValueCodec.decode(entry.value(), type));
        }
        count(result.size(), 0);
        return result;
    }

    /** Counts rows for usage metering (Cloudflare bills rows read and written). */
    private void count(long read, long written) {
        Turn turn = Turn.currentOf(host);
        if (turn != null) {
            turn.rows(read, written);
        }
    }

    @Override
    public void deleteAll() {
        write().deleteAll();
        writeAlarm(null); // as on Cloudflare since compatibility date 2026-02-24: one call clears the alarm too
    }

    @Override
    public <T> T transaction(Function<DurableObjectTransaction, T> body) {
        ObjectStore s = write();
        int depth = s.savepoint();
        var txn = new Transaction();
        T result;
        try {
            result = body.apply(txn);
        } catch (RuntimeException | Error e) {
            s.rollbackTo(depth);
            throw e;
        }
        if (txn.rolledBack) {
            s.rollbackTo(depth);
        } else {
            s.release(depth);
        }
        return result;
    }

    @Override
    public <T> T transactionSync(Supplier<T> body) {
        ObjectStore s = write();
        int depth = s.savepoint();
        try {
            T result = body.get();
            s.release(depth);
            return result;
        } catch (RuntimeException | Error e) {
            s.rollbackTo(depth);
            throw e;
        }
    }

    @Override
    public void sync() {
        checkTurn();
        Turn turn = Turn.running();
        try {
            commit();
        } catch (RuntimeException e) {
            // The outputs held behind the failed writes never leave, and the object is reset (S-STO-4).
            turn.commitFailed(e.getMessage());
            throw e;
        }
        turn.release();
    }

    @Override
    public SqlStorage sql() {
        ObjectStore s = read();
        SqlStorage backend = s.sql();
        return new SqlStorage() {
            @Override
            public SqlCursor exec(String query, Object... bindings) {
                checkTurn();
                try {
                    SqlCursor cursor = backend.exec(query, bindings);
                    count(cursor.rowsRead(), cursor.rowsWritten());
                    return cursor;
                } finally {
                    // A statement that changed anything began the store's transaction: outputs wait (S-STO-4).
                    if (s.hasChanges()) {
                        Turn.running().wrote();
                    }
                }
            }

            @Override
            public long databaseSize() {
                checkTurn();
                return backend.databaseSize();
            }
        };
    }

    @Override
    public Optional<Instant> getAlarm() {
        return read().alarm();
    }

    @Override
    public void setAlarm(Instant time) {
        if (time == null) {
            deleteAlarm();
            return;
        }
        checkTurn();
        Activation activation = host.activation();
        if (activation == null || !activation.handlesAlarms()) {
            throw new DurableObjectException(DurableObjectException.Code.ALARM_NOT_HANDLED,
                    "setAlarm on " + host.key().describe() + ", whose class does not implement AlarmHandler;"
                            + " add `implements AlarmHandler` and an alarm(AlarmInfo) method (S-ALM-4)");
        }
        writeAlarm(time);
    }

    @Override
    public void deleteAlarm() {
        writeAlarm(null);
    }

    /** Returns whether the running turn set an alarm that is still pending. */
    boolean alarmSetThisTurn() {
        return alarmTouched && store != null && store.alarm().isPresent();
    }

    Optional<Instant> storedAlarm() {
        return read().alarm();
    }

    /** Sets or (with null) deletes the alarm without the handler check; scheduled after the commit. */
    void writeAlarm(Instant time) {
        write().setAlarm(time);
        alarmTouched = true;
    }

    // ---- limits ----

    private static void checkKey(String key) {
        if (key == null) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT, "storage keys cannot be null");
        }
    }

    private static void checkKeyCount(int count) {
        if (count > MAX_KEYS_PER_CALL) {
            throw new DurableObjectException(DurableObjectException.Code.LIMIT_EXCEEDED,
                    count + " keys in one call; the limit is " + MAX_KEYS_PER_CALL
                            + ": split the call into batches of at most " + MAX_KEYS_PER_CALL);
        }
    }

    private static byte[] encodeEntry(String key, Object value) {
        checkKey(key);
        if (value == null) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "cannot store null under \"" + key + "\"; use delete(key) to remove a value");
        }
        byte[] encoded = ValueCodec.encode(value);
        long size = (long) key.getBytes(StandardCharsets.UTF_8).length + encoded.length;
        if (size > MAX_ENTRY_BYTES) {
            throw new DurableObjectException(DurableObjectException.Code.LIMIT_EXCEEDED,
                    "key + value of \"" + abbreviate(key) + "\" is " + size + " bytes; the limit is " + MAX_ENTRY_BYTES
                            + " (2 MiB): split the value over several keys");
        }
        return encoded;
    }

    private static String abbreviate(String key) {
        return key.length() > 40 ? key.substring(0, 40) + "…" : key;
    }

    /** The view handed to {@code transaction(txn -> ...)}. */
    private final class Transaction implements DurableObjectTransaction {
        private boolean rolledBack;

        @Override
        public void rollback() {
            rolledBack = true;
        }

        @Override
        public <T> Optional<T> get(String key, Class<T> type) {
            return TurnStorage.this.get(key, type);
        }

        @Override
        public <T> SortedMap<String, T> get(Collection<String> keys, Class<T> type) {
            return TurnStorage.this.get(keys, type);
        }

        @Override
        public void put(String key, Object value) {
            TurnStorage.this.put(key, value);
        }

        @Override
        public void put(Map<String, ?> entries) {
            TurnStorage.this.put(entries);
        }

        @Override
        public boolean delete(String key) {
            return TurnStorage.this.delete(key);
        }

        @Override
        public int delete(Collection<String> keys) {
            return TurnStorage.this.delete(keys);
        }

        @Override
        public <T> SortedMap<String, T> list(ListOptions options, Class<T> type) {
            return TurnStorage.this.list(options, type);
        }
    }
}
