package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The connection and transaction of one object's SQLite database: opening it (the engine sets the
 * pragmas), the implicit transaction begun by the first change, savepoints, commit and rollback.
 *
 * <p>The database is created by the first real write, never by a read: while it does not exist,
 * reads find nothing and user SQL runs on a {@link SchemaDraft}, so an object that only declares
 * tables and reads them costs no file. When a write comes, the database is created, the draft is
 * replayed into it and the write runs there, in the same transaction. On disk the database is the
 * file; in memory it exists once its connection is open.
 *
 * <p>On disk, the transaction that creates the database runs in memory, and its commit writes the
 * whole file at once: the database serialized (a few pages), marked as a WAL database, written under
 * a temporary name and renamed into place, so that a crash never leaves a partial file. The
 * connection in memory is then closed; the next use opens the file. Creating the file with SQLite
 * instead costs a WAL file created, synced with its directory, and later checkpointed and deleted:
 * about 80 system calls and 4 syncs per new object, which a burst of new objects pays in a row. A
 * rollback of that transaction discards the database in memory and the draft is the truth again, so
 * no file exists. Temporary tables belong to a connection: they end with it, at this switch or when
 * the engine closes an idle connection.
 *
 * <p>The engine may close the connection of an idle database (no open transaction) to bound open
 * files; the next call reopens it.
 *
 * <p>Threads: not thread-safe; its {@link SqliteObjectStore} calls it under the store's lock.
 */
final class ObjectDatabase {

    private final SqliteStorageEngine engine;
    private final SqliteObjectStore owner; // the engine's handle cap counts stores
    private final Path file; // null in memory
    private Connection connection;
    private SchemaDraft draft; // only while the database does not exist
    private boolean inTransaction;
    private int savepoints;
    /**
     * The storage's own statements, prepared once per connection: preparing costs about as much as
     * running a small statement. Closed with the connection.
     */
    private final java.util.Map<String, java.sql.PreparedStatement> prepared = new java.util.HashMap<>();
    private static final int MAX_PREPARED = 32;
    private boolean walMissing; // on disk, until the first commit since opening (re)creates the WAL and syncs it
    /**
     * The draft the database was created from, while the transaction that created it is open: on
     * disk always (its commit writes the file), in memory when the draft's own database became the
     * object's. Null otherwise. A rollback discards the connection and makes it the draft again.
     */
    private SchemaDraft creating;

    ObjectDatabase(SqliteStorageEngine engine, SqliteObjectStore owner, Path file) {
        this.engine = engine;
        this.owner = owner;
        this.file = file;
    }

    /** Whether the database exists: in memory, once written; on disk, the file (a read never creates one). */
    boolean exists() {
        return connection != null || (file != null && Files.exists(file));
    }

    /** Returns the connection, or null if the object has no database yet (nothing to read). */
    Connection forRead() {
        if (connection == null) {
            if (!exists()) {
                return null;
            }
            openWaiting();
        }
        engine.touched(owner);
        return connection;
    }

    /** Returns the connection inside the implicit transaction, creating the database if needed. */
    Connection forWrite() {
        if (connection == null) {
            if (exists()) {
                openWaiting();
            } else {
                create();
            }
        }
        engine.touched(owner);
        if (!inTransaction) {
            execute(connection, "BEGIN");
            inTransaction = true;
        }
        return connection;
    }

    /**
     * Runs one user statement where it belongs: on the database if it exists; otherwise on the draft,
     * and if it stores data there, the draft's database becomes the object's; under an open
     * savepoint the draft undoes it instead and it runs on a new database.
     */
    RowCursor run(BoundStatement statement, boolean readOnly) {
        if (!exists()) {
            SchemaDraft d = draft();
            if (readOnly) {
                return d.read(statement);
            }
            SchemaDraft.Change change = d.tryChange(statement);
            if (change != null) {
                if (change.adopted() != null) {
                    adopt(change.adopted());
                }
                return change.cursor();
            }
        }
        return statement.runOn(readOnly ? forRead() : forWrite());
    }

    /** Opens a savepoint and returns its depth: on the database, or in the draft while there is none. */
    int savepoint() {
        int depth = savepoints + 1;
        if (exists()) {
            execute(forWrite(), "SAVEPOINT sb_" + depth);
        } else {
            draft().savepoint();
        }
        savepoints = depth;
        return depth;
    }

    void release(int depth) {
        if (depth > savepoints) {
            return;
        }
        if (draft != null) {
            draft.release(depth);
        } else if (connection != null) {
            execute(connection, "RELEASE sb_" + depth);
        }
        savepoints = depth - 1;
    }

    void rollbackTo(int depth) {
        if (depth > savepoints) {
            return;
        }
        if (draft != null) {
            draft.rollbackTo(depth);
        } else if (connection != null) {
            execute(connection, "ROLLBACK TO sb_" + depth);
            execute(connection, "RELEASE sb_" + depth);
        }
        savepoints = depth - 1;
    }

    /** Whether there are changes not yet committed, in the database or in the draft. */
    boolean hasChanges() {
        return inTransaction || (draft != null && draft.hasChanges());
    }

    /**
     * Commits the transaction.
     *
     * @throws DurableObjectException {@code STORAGE_FAILED} if SQLite cannot commit; the transaction
     *     is then still open and the caller rolls it back
     */
    void commit() {
        if (inTransaction && creating != null) {
            commitCreating();
        } else if (inTransaction) {
            if (walMissing || engine.commitsSync()) {
                DiskWait.run(() -> execute(connection, "COMMIT"));
                walMissing = false;
            } else {
                execute(connection, "COMMIT");
            }
            inTransaction = false;
        }
        if (draft != null) {
            draft.commit();
        }
        savepoints = 0;
    }

    void rollback() {
        if (creating != null) {
            abandonCreating();
        } else if (inTransaction && connection != null) {
            try (var st = connection.createStatement()) {
                st.execute("ROLLBACK");
            } catch (SQLException e) {
                // A connection that cannot roll back is closed, which rolls back for us.
                closeConnection();
            }
        }
        inTransaction = false;
        savepoints = 0;
        if (draft != null) {
            draft.rollback();
        }
    }

    /** Closes the connection if no transaction is open; false if busy. */
    boolean closeIfIdle() {
        if (inTransaction) {
            return false;
        }
        DiskWait.run(this::closeConnection);
        return true;
    }

    /** Rolls back and releases handles. In memory the database stays, as the engine reuses the store. */
    void close() {
        rollback();
        if (file != null) {
            DiskWait.run(this::closeConnection);
            if (draft != null) {
                draft.close();
                draft = null;
            }
        }
    }

    /** Checkpoints the WAL into the database file and closes everything; at shutdown. */
    void checkpointAndClose() {
        rollback();
        if (connection != null && file != null) {
            try (var st = connection.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                // closing the last connection checkpoints too
            }
        }
        closeConnection();
        if (draft != null) {
            draft.close();
        }
    }

    boolean isOpen() {
        return connection != null;
    }

    DurableObjectException failed(String what, Exception e) {
        return new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED,
                "storage of " + owner.describe() + " could not " + what + ": " + e.getMessage()
                        + (file == null ? "" : "; check the disk and " + file), e);
    }

    private SchemaDraft draft() {
        if (draft == null) {
            draft = new SchemaDraft();
        }
        return draft;
    }

    /**
     * Makes the draft's shadow the object's database, the one being created: from
     * {@link SchemaDraft#tryChange}, inside the transaction of the statement that stored the first
     * data; from {@link #create}, which then begins the transaction. Until its commit, a rollback
     * discards the connection and makes the draft the truth again, in memory too.
     */
    private void adopt(Connection shadow) {
        connection = shadow;
        inTransaction = true;
        creating = draft; // a rollback discards the connection and makes this the draft again
        draft = null;
        try {
            KeyValueTables.createIn(connection);
        } catch (SQLException e) {
            abandonCreating();
            throw failed("create its database", e);
        }
        if (file == null) {
            engine.opened(owner);
        }
    }

    /**
     * Creates the database with the draft replayed into it; the draft's pending part is in the
     * transaction. On disk the database is created in memory and the commit writes the file
     * ({@link #commitCreating}). When the draft's shadow has no savepoint open, the shadow itself
     * becomes the database: it already holds the schema, so nothing is opened or replayed.
     */
    private void create() {
        Connection shadow = draft != null ? draft.takeShadow() : null;
        if (shadow != null) {
            adopt(shadow);
            // The draft's pending statements ran outside this transaction; a rollback discards the
            // whole connection instead (abandonCreating).
            execute(connection, "BEGIN");
            return;
        }
        if (file == null) {
            open();
        } else {
            try {
                connection = engine.connect(null);
                KeyValueTables.createIn(connection);
            } catch (SQLException e) {
                closeConnection();
                throw failed("create its database", e);
            }
        }
        SchemaDraft replayed = draft != null ? draft : new SchemaDraft();
        if (draft != null) {
            try {
                draft.replayInto(connection);
            } catch (RuntimeException e) {
                closeConnection(); // nothing was written: the draft stays the truth
                throw e;
            }
            inTransaction = true; // the replay began the turn's transaction
            draft.close();
            draft = null;
        }
        if (file != null) {
            creating = replayed;
        }
    }

    /**
     * Commits the transaction that created the database in memory, and writes the database as the
     * object's file. If the file cannot be written, the database in memory is discarded and the
     * draft is the truth again; the caller then rolls back, which undoes the draft's pending part.
     */
    private void commitCreating() {
        execute(connection, "COMMIT");
        inTransaction = false;
        if (file == null) {
            creating = null; // in memory, the connection is the database
            return;
        }
        byte[] image;
        try {
            image = connection.unwrap(org.sqlite.SQLiteConnection.class).serialize("main");
        } catch (SQLException e) {
            abandonCreating();
            throw failed("serialize its new database", e);
        }
        // The file format's write and read versions, offsets 18 and 19: 2 opens the file in WAL mode,
        // which the engine's connections use, without a journal written to switch it.
        image[18] = 2;
        image[19] = 2;
        try {
            if (engine.commitsSync()) {
                DiskWait.run(() -> writeFile(image));
            } else {
                writeFile(image);
            }
        } catch (DurableObjectException e) {
            abandonCreating();
            throw e;
        }
        creating = null;
        closeConnection(); // the next use opens the file
    }

    private void writeFile(byte[] image) {
        try {
            engine.writeNewFile(file, image);
        } catch (IOException e) {
            throw failed("create its file", e);
        }
    }

    /** Discards the database being created in memory: nothing was written, the draft is the truth again. */
    private void abandonCreating() {
        closeConnection();
        draft = creating.isEmpty() ? null : creating;
        creating = null;
    }

    private void openWaiting() {
        DiskWait.run(this::open);
    }

    private void open() {
        try {
            connection = engine.connect(file);
        } catch (SQLException e) {
            throw failed("open", e);
        }
        try {
            KeyValueTables.createIn(connection);
        } catch (SQLException e) {
            closeConnection();
            throw failed("open", e);
        }
        walMissing = file != null;
        engine.opened(owner);
    }

    /**
     * Returns a statement of {@code sql} prepared on {@code c} (the connection {@link #forRead} or
     * {@link #forWrite} returned), kept for the connection's life. Callers bind every parameter and
     * close the result set they open, which resets the statement; they never close the statement.
     * Only for the storage's own fixed statements, never for user SQL.
     */
    java.sql.PreparedStatement prepared(Connection c, String sql) throws SQLException {
        var statement = prepared.get(sql);
        if (statement == null) {
            if (prepared.size() >= MAX_PREPARED) { // a bound, though the storage's statements are far fewer
                closePrepared();
            }
            statement = c.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    private void closePrepared() {
        for (var statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing the connection finalizes it anyway
            }
        }
        prepared.clear();
    }

    private void closeConnection() {
        closePrepared();
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

    private void execute(Connection c, String statement) {
        try {
            if (statement.equals("BEGIN") || statement.equals("COMMIT")) {
                prepared(c, statement).execute(); // once per turn each: worth keeping prepared
                return;
            }
            try (var st = c.createStatement()) {
                st.execute(statement);
            }
        } catch (SQLException e) {
            throw failed(statement.split(" ")[0].toLowerCase(Locale.ROOT), e);
        }
    }
}
