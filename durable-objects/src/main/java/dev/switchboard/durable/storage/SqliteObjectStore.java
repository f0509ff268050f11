package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.SqlCursor;
import dev.switchboard.durable.SqlStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One object's SQLite database: key-value entries in the hidden table {@code _sb_kv} (keys as UTF-8
 * BLOBs, so SQLite's byte order is the key order, S-STO-2), the alarm in {@code _sb_meta}, and the
 * user's own tables through {@link #sql()} (S-STO-5), all in one connection and one transaction.
 *
 * <p>The transaction is begun by the first change and ended by {@link #commit()} or
 * {@link #rollback()}. On disk, the file is created by the first change: reads of an object that
 * never wrote find no file and return nothing. The engine may close the connection of an idle store
 * (no open transaction) to bound open files; the next call reopens it.
 *
 * <p>Threads: a turn at a time uses a store; the lock only guards against the engine closing the
 * connection meanwhile.
 */
final class SqliteObjectStore implements ObjectStore {

    private static final String SCHEMA_KV = "CREATE TABLE IF NOT EXISTS _sb_kv(key BLOB PRIMARY KEY,"
            + " value BLOB NOT NULL) WITHOUT ROWID";
    private static final String SCHEMA_META = "CREATE TABLE IF NOT EXISTS _sb_meta(name TEXT PRIMARY KEY,"
            + " value TEXT) WITHOUT ROWID";

    private final SqliteStorageEngine engine;
    final String binding;
    final DurableObjectId id;
    private final Path file; // null in memory
    final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private boolean inTransaction;
    private int savepoints;
    private boolean alarmChanged;
    private final SqlStorage sql = new Sql();

    SqliteObjectStore(SqliteStorageEngine engine, String binding, DurableObjectId id, Path file) {
        this.engine = engine;
        this.binding = binding;
        this.id = id;
        this.file = file;
    }

    // ---- key-value ----

    @Override
    public byte[] get(String key) {
        lock.lock();
        try {
            Connection c = readConnection();
            if (c == null) {
                return null;
            }
            try (var ps = c.prepareStatement("SELECT value FROM _sb_kv WHERE key = ?")) {
                ps.setBytes(1, utf8(key));
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        } catch (SQLException e) {
            throw failed("read", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Entry> list(ListOptions options) {
        var where = new ArrayList<String>();
        var args = new ArrayList<byte[]>();
        if (options.start() != null) {
            where.add("key >= ?");
            args.add(utf8(options.start()));
        }
        if (options.startAfter() != null) {
            where.add("key > ?");
            args.add(utf8(options.startAfter()));
        }
        if (options.end() != null) {
            where.add("key < ?");
            args.add(utf8(options.end()));
        }
        if (options.prefix() != null && !options.prefix().isEmpty()) {
            byte[] prefix = utf8(options.prefix());
            where.add("key >= ?");
            args.add(prefix);
            byte[] after = prefixEnd(prefix);
            if (after != null) {
                where.add("key < ?");
                args.add(after);
            }
        }
        String query = "SELECT key, value FROM _sb_kv" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY key " + (options.reverse() ? "DESC" : "ASC")
                + (options.limit() > 0 ? " LIMIT " + options.limit() : "");
        lock.lock();
        try {
            Connection c = readConnection();
            var result = new ArrayList<Entry>();
            if (c == null) {
                return result;
            }
            try (var ps = c.prepareStatement(query)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setBytes(i + 1, args.get(i));
                }
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new Entry(new String(rs.getBytes(1), StandardCharsets.UTF_8), rs.getBytes(2)));
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            throw failed("list", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(String key, byte[] value) {
        update("INSERT OR REPLACE INTO _sb_kv(key, value) VALUES (?, ?)", utf8(key), value);
    }

    @Override
    public boolean delete(String key) {
        lock.lock();
        try {
            if (!exists()) {
                return false;
            }
            return update("DELETE FROM _sb_kv WHERE key = ?", utf8(key)) > 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deleteAll() {
        lock.lock();
        try {
            if (exists()) {
                update("DELETE FROM _sb_kv");
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- alarm ----

    @Override
    public Optional<Instant> alarm() {
        lock.lock();
        try {
            Connection c = readConnection();
            if (c == null) {
                return Optional.empty();
            }
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT value FROM _sb_meta WHERE name = 'alarm'")) {
                return rs.next() && rs.getString(1) != null ? Optional.of(Instant.parse(rs.getString(1)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read the alarm of", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setAlarm(Instant time) {
        lock.lock();
        try {
            if (time == null) {
                if (exists()) {
                    update("DELETE FROM _sb_meta WHERE name = 'alarm'");
                    alarmChanged = true;
                }
            } else {
                update("INSERT OR REPLACE INTO _sb_meta(name, value) VALUES ('alarm', CAST(? AS TEXT))",
                        time.toString().getBytes(StandardCharsets.UTF_8));
                alarmChanged = true;
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- transaction ----

    @Override
    public int savepoint() {
        lock.lock();
        try {
            int depth = savepoints + 1;
            execute(writeConnection(), "SAVEPOINT sb_" + depth);
            savepoints = depth;
            return depth;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(int depth) {
        lock.lock();
        try {
            if (depth <= savepoints && connection != null) {
                execute(connection, "RELEASE sb_" + depth);
                savepoints = depth - 1;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rollbackTo(int depth) {
        lock.lock();
        try {
            if (depth <= savepoints && connection != null) {
                execute(connection, "ROLLBACK TO sb_" + depth);
                execute(connection, "RELEASE sb_" + depth);
                savepoints = depth - 1;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasChanges() {
        return inTransaction;
    }

    @Override
    public void commit() {
        lock.lock();
        try {
            if (!inTransaction) {
                return;
            }
            Optional<Instant> alarm = alarmChanged ? alarm() : Optional.empty();
            try {
                // The index is a superset of the stored alarms: add before the commit, remove after.
                if (alarmChanged && alarm.isPresent()) {
                    engine.alarmAdded(this, alarm.get());
                }
                execute(connection, "COMMIT");
            } catch (RuntimeException e) {
                rollback();
                throw e instanceof DurableObjectException d ? d : new DurableObjectException(
                        DurableObjectException.Code.STORAGE_FAILED, "commit of " + describe() + " failed: " + e, e);
            }
            inTransaction = false;
            savepoints = 0;
            if (alarmChanged && alarm.isEmpty()) {
                engine.alarmRemoved(this);
            }
            alarmChanged = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rollback() {
        lock.lock();
        try {
            if (inTransaction && connection != null) {
                try (var st = connection.createStatement()) {
                    st.execute("ROLLBACK");
                } catch (SQLException e) {
                    // A connection that cannot roll back is closed, which rolls back for us.
                    closeConnection();
                }
            }
            inTransaction = false;
            savepoints = 0;
            alarmChanged = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SqlStorage sql() {
        return sql;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            rollback();
            if (file != null) {
                closeConnection();
                engine.forget(this);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection if no transaction is open; false if busy. Called by the engine's LRU. */
    boolean closeIfIdle() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (inTransaction) {
                return false;
            }
            closeConnection();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the database lives in memory (and its connection is never closed while the engine runs). */
    boolean inMemory() {
        return file == null;
    }

    /** Whether the store holds an open connection. */
    boolean isOpen() {
        return connection != null;
    }

    /** Checkpoints the WAL into the database file and closes; at shutdown. */
    void checkpointAndClose() {
        lock.lock();
        try {
            rollback();
            if (connection != null && file != null) {
                try (var st = connection.createStatement()) {
                    st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                } catch (SQLException e) {
                    // closing the last connection checkpoints too
                }
            }
            closeConnection();
        } finally {
            lock.unlock();
        }
    }

    String describe() {
        return binding + ":" + id.label();
    }

    // ---- connections ----

    /** Whether the database exists: in memory, once written (a read never creates one); on disk, the file. */
    private boolean exists() {
        return connection != null || (file != null && Files.exists(file));
    }

    /** Returns the connection, or null if the object has no database yet (nothing to read). */
    private Connection readConnection() throws SQLException {
        if (connection == null) {
            if (!exists()) {
                return null;
            }
            open();
        }
        engine.touched(this);
        return connection;
    }

    /** Returns the connection inside the implicit transaction, creating the database if needed. */
    private Connection writeConnection() {
        try {
            if (connection == null) {
                if (file != null) {
                    Files.createDirectories(file.getParent());
                }
                open();
            }
            engine.touched(this);
            if (!inTransaction) {
                execute(connection, "BEGIN");
                inTransaction = true;
            }
            return connection;
        } catch (SQLException | IOException e) {
            throw failed("open", e);
        }
    }

    private void open() throws SQLException {
        connection = engine.connect(file);
        try (var st = connection.createStatement()) {
            st.executeUpdate(SCHEMA_KV);
            st.executeUpdate(SCHEMA_META);
        } catch (SQLException e) {
            closeConnection();
            throw e;
        }
        engine.opened(this);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the handle is gone either way
            }
            connection = null;
            inTransaction = false;
            savepoints = 0;
        }
    }

    private int update(String query, byte[]... args) {
        lock.lock();
        try (PreparedStatement ps = writeConnection().prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setBytes(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("write", e);
        } finally {
            lock.unlock();
        }
    }

    private void execute(Connection c, String statement) {
        try (var st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw failed(statement.split(" ")[0].toLowerCase(java.util.Locale.ROOT), e);
        }
    }

    private DurableObjectException failed(String what, Exception e) {
        return new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED,
                "storage of " + describe() + " could not " + what + ": " + e.getMessage()
                        + (file == null ? "" : "; check the disk and " + file), e);
    }

    private static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the smallest byte string greater than every string with {@code prefix}, or null. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }

    // ---- SQL ----

    /** The SQL API: statements run on this store's connection, inside its transaction. */
    private final class Sql implements SqlStorage {
        @Override
        public SqlCursor exec(String query, Object... bindings) {
            List<String> statements = SqlStatements.split(query);
            Object[] args = bindings == null ? new Object[0] : bindings;
            if (statements.size() > 1 && args.length > 0) {
                throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                        "bindings can only be used with a single statement, got " + statements.size()
                                + " statements; call exec once per statement that takes bindings");
            }
            lock.lock();
            try {
                RowCursor cursor = null;
                long written = 0;
                for (String statement : statements) {
                    Connection c = SqlStatements.isRead(statement) ? readOrCreate() : writeConnection();
                    cursor = run(c, statement, args);
                    written += cursor.rowsWritten();
                }
                return cursor.withRowsWritten(written);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long databaseSize() {
            lock.lock();
            try {
                Connection c = readConnection();
                if (c == null) {
                    return 0;
                }
                try (var st = c.createStatement();
                     var rs = st.executeQuery("SELECT page_count * page_size FROM pragma_page_count(),"
                             + " pragma_page_size()")) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException e) {
                throw failed("measure", e);
            } finally {
                lock.unlock();
            }
        }

        private Connection readOrCreate() {
            try {
                Connection c = readConnection();
                return c != null ? c : writeConnection();
            } catch (SQLException e) {
                throw failed("open", e);
            }
        }

        private RowCursor run(Connection c, String statement, Object[] args) {
            try (var ps = c.prepareStatement(statement)) {
                int expected = ps.getParameterMetaData().getParameterCount();
                if (expected != args.length) {
                    throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                            "the statement has " + expected + " ? parameter(s) but " + args.length
                                    + " binding(s) were given: \"" + abbreviate(statement) + "\"");
                }
                for (int i = 0; i < args.length; i++) {
                    bind(ps, i + 1, args[i]);
                }
                if (ps.execute()) {
                    try (var rs = ps.getResultSet()) {
                        return RowCursor.read(rs);
                    }
                }
                return RowCursor.written(Math.max(0, ps.getUpdateCount()));
            } catch (SQLException e) {
                throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                        e.getMessage() + " in \"" + abbreviate(statement) + "\"", e);
            }
        }

        private void bind(PreparedStatement ps, int index, Object value) throws SQLException {
            if (value == null) {
                ps.setNull(index, java.sql.Types.NULL);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte) {
                ps.setLong(index, ((Number) value).longValue());
            } else if (value instanceof Double || value instanceof Float) {
                ps.setDouble(index, ((Number) value).doubleValue());
            } else if (value instanceof Boolean b) {
                ps.setLong(index, b ? 1 : 0);
            } else if (value instanceof String s) {
                ps.setString(index, s);
            } else if (value instanceof byte[] bytes) {
                ps.setBytes(index, bytes);
            } else {
                throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                        "binding " + index + " is a " + value.getClass().getName()
                                + "; bind a number, a boolean, a String, a byte[] or null");
            }
        }

        private String abbreviate(String s) {
            return s.length() > 80 ? s.substring(0, 80) + "…" : s;
        }
    }
}
