package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.SqlStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One object's storage in its own SQLite database (S-STO-5): the runtime's key-value and alarm
 * tables ({@link KeyValueTables}) and the user's SQL ({@link UserSql}) share one connection and one
 * transaction ({@link ObjectDatabase}). This class puts them behind {@link ObjectStore} and keeps the
 * process-wide alarm index in step with each commit.
 *
 * <p>The database is created by the first real write (a put, a new alarm, a SQL statement that
 * stores a row), never by a read or by declaring tables: until then a schema lives in memory
 * ({@link SchemaDraft}), so an object that only reads costs no file.
 *
 * <p>Threads: a turn at a time uses a store; the lock only guards against the engine closing the
 * connection meanwhile.
 */
final class SqliteObjectStore implements ObjectStore {

    private final SqliteStorageEngine engine;
    final String binding;
    final DurableObjectId id;
    private final ReentrantLock lock = new ReentrantLock();
    private final ObjectDatabase database;
    private final KeyValueTables tables;
    private final UserSql sql;

    SqliteObjectStore(SqliteStorageEngine engine, String binding, DurableObjectId id, Path file) {
        this.engine = engine;
        this.binding = binding;
        this.id = id;
        this.database = new ObjectDatabase(engine, this, file);
        this.tables = new KeyValueTables(database);
        this.sql = new UserSql(database, lock);
    }

    @Override
    public byte[] get(String key) {
        return locked(() -> tables.get(key));
    }

    @Override
    public List<Entry> list(ListOptions options) {
        return locked(() -> tables.list(options));
    }

    @Override
    public void put(String key, byte[] value) {
        locked(() -> tables.put(key, value));
    }

    @Override
    public boolean delete(String key) {
        return locked(() -> tables.delete(key));
    }

    @Override
    public void deleteAll() {
        locked(() -> {
            tables.deleteAll();
            dropUserSchema();
        });
    }

    /**
     * Drops the user's views and tables (their indexes and triggers go with them): on a SQLite-backed
     * object Cloudflare's {@code deleteAll()} empties the whole database, not just the key-value table.
     * The drops run through the user's SQL path, so they join the turn's transaction and the schema
     * draft like any statement the object could have written itself.
     */
    private void dropUserSchema() {
        var drops = new ArrayList<String>();
        for (Object[] row : sql.exec("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table')"
                + " ORDER BY type = 'table'").raw()) {
            String name = (String) row[1];
            if (!name.startsWith("sqlite_") && !name.startsWith("_sb_") && !name.startsWith("_cf_")) {
                drops.add("DROP " + row[0] + " IF EXISTS \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
        drops.forEach(sql::exec);
    }

    @Override
    public Optional<Instant> alarm() {
        return locked(tables::alarm);
    }

    @Override
    public void setAlarm(Instant time) {
        locked(() -> tables.setAlarm(time));
    }

    @Override
    public int savepoint() {
        return locked(database::savepoint);
    }

    @Override
    public void release(int depth) {
        locked(() -> database.release(depth));
    }

    @Override
    public void rollbackTo(int depth) {
        locked(() -> {
            database.rollbackTo(depth);
            tables.rolledBack();
        });
    }

    @Override
    public boolean hasChanges() {
        return locked(database::hasChanges);
    }

    /**
     * Commits; an alarm that appears or moves earlier enters the index before the commit, a deleted
     * one leaves it after (see {@link AlarmChange}), so the index never misses a stored alarm.
     */
    @Override
    public void commit() {
        lock.lock();
        try {
            if (!database.hasChanges()) {
                return;
            }
            Optional<AlarmChange> change = tables.alarmChange();
            try {
                if (change.isPresent() && change.get().addsToIndex()) {
                    engine.alarmAdded(this, change.get().after().orElseThrow());
                }
                database.commit();
            } catch (RuntimeException e) {
                rollback();
                throw e instanceof DurableObjectException d ? d : new DurableObjectException(
                        DurableObjectException.Code.STORAGE_FAILED, "commit of " + describe() + " failed: " + e, e);
            }
            tables.settled();
            if (change.isPresent() && change.get().removesFromIndex()) {
                engine.alarmRemoved(this);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rollback() {
        locked(() -> {
            // With nothing to undo, the alarm in memory is the committed one: keep it, so the next
            // turn (say, after a hibernation) does not read and parse it again.
            boolean changed = database.hasChanges();
            database.rollback();
            tables.settled();
            if (changed) {
                tables.rolledBack();
            }
        });
    }

    @Override
    public SqlStorage sql() {
        return sql;
    }

    @Override
    public void close() {
        locked(() -> {
            tables.settled();
            tables.rolledBack();
            database.close();
            if (!inMemory()) {
                engine.forget(this);
            }
        });
    }

    /** Closes the connection if no transaction is open; false if busy. Called by the engine's LRU. */
    boolean closeIfIdle() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (!database.closeIfIdle()) {
                return false;
            }
            tables.closed();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the database lives in memory (and its connection is never closed while the engine runs). */
    boolean inMemory() {
        return !engine.keepsFiles();
    }

    /** Returns how many times the stored alarm was read from the database; for tests. */
    long alarmReads() {
        return locked(tables::alarmReads);
    }

    /** Returns how many times a key was read from the database rather than from memory; for tests. */
    long keyReads() {
        return locked(tables::keyReads);
    }

    /** Whether the store holds an open connection. */
    boolean isOpen() {
        return database.isOpen();
    }

    /** Checkpoints the WAL into the database file and closes; at shutdown. */
    void checkpointAndClose() {
        locked(() -> {
            tables.settled();
            database.checkpointAndClose();
        });
    }

    String describe() {
        return binding + ":" + id.label();
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }
}
