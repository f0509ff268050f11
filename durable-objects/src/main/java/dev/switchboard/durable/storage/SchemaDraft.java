package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The schema an object declared before it stored anything, kept in memory so that declaring a table
 * creates no file (design: storage files exist only for objects that stored something).
 *
 * <p>A constructor such as {@code CREATE TABLE IF NOT EXISTS counter(...)} followed by a
 * {@code SELECT} runs on a private in-memory SQLite database, the shadow, so reads answer exactly as
 * the file would (no rows from a declared table, "no such table" from an undeclared one). Every
 * statement that changed the shadow's schema is kept, with its bindings, in a log. A statement that
 * would leave a row in any table ends the draft: the shadow, which holds exactly what the object's
 * new database would hold before that statement, becomes that database with the statement applied
 * ({@link #tryChange}, {@link #takeShadow}). Only while a savepoint is open is the statement undone
 * instead, and the caller creates a new database, {@link #replayInto replays} the log into it
 * (reopening the savepoints where they were) and runs the statement there. Replaying is exact
 * because every kept statement left every table empty, so it depends on nothing but the schema
 * before it.
 *
 * <p>The log follows the turn's transaction: {@link #commit()} keeps it, {@link #rollback()} and
 * {@link #rollbackTo} cut it back and rebuild the shadow from what is left. A schema without data
 * never reaches the disk: it lives as long as the store, which the runtime closes when
 * the object's instance goes (hibernation, eviction, shutdown), and is declared again by the next
 * instance's constructor.
 *
 * <p>Threads: used under its store's lock, by one turn at a time.
 */
final class SchemaDraft {

    private final List<BoundStatement> log = new ArrayList<>();
    private final List<Integer> savepointMarks = new ArrayList<>(); // log size when savepoint depth i + 1 opened
    private int committed; // log entries committed
    private Connection shadow; // null until needed, and after a rollback until needed again

    /** Runs a statement that only reads, against the declared schema. */
    RowCursor read(BoundStatement statement) {
        return statement.runOn(shadow());
    }

    /**
     * Runs a statement that may change the schema and keeps it; or, if it would leave data in a
     * table, hands the shadow over as the object's new database with the statement applied (when no
     * savepoint is open); or returns null, having changed nothing, and the caller runs the statement
     * on a new database.
     *
     * @throws DurableObjectException {@code SQL_ERROR} if SQLite refuses the statement
     */
    Change tryChange(BoundStatement statement) {
        Connection c = shadow();
        execute(c, "SAVEPOINT sb_draft");
        try {
            long schemaBefore = schemaVersion(c);
            RowCursor cursor = statement.runOn(c);
            if (holdsNoRows(c)) {
                if (schemaVersion(c) != schemaBefore) {
                    log.add(statement); // a statement that changed nothing need not be replayed
                }
                execute(c, "RELEASE sb_draft");
                return new Change(cursor, null);
            }
            if (savepointMarks.isEmpty()) {
                // The statement stores data, and the shadow holds exactly what the new database would
                // before it: the shadow becomes that database, still inside sb_draft, which is now the
                // turn's transaction. Running the statement again elsewhere would cost as much again.
                shadow = null;
                return new Change(cursor, c);
            }
        } catch (RuntimeException e) {
            undo(c);
            throw e;
        }
        undo(c);
        return null;
    }

    /**
     * What {@link #tryChange} did: the statement's rows, and the connection that became the object's
     * database if the statement stored data (null if only the schema changed).
     */
    record Change(RowCursor cursor, Connection adopted) {
    }

    private void undo(Connection c) {
        execute(c, "ROLLBACK TO sb_draft");
        execute(c, "RELEASE sb_draft");
    }

    /** Whether the draft holds schema changes not yet committed. */
    boolean hasChanges() {
        return log.size() > committed;
    }

    /** Whether the draft is empty, so that the object has declared nothing yet. */
    boolean isEmpty() {
        return log.isEmpty();
    }

    void savepoint() {
        savepointMarks.add(log.size());
    }

    void release(int depth) {
        truncate(savepointMarks, depth - 1);
    }

    void rollbackTo(int depth) {
        int mark = savepointMarks.get(depth - 1);
        truncate(savepointMarks, depth - 1);
        cutLog(mark);
    }

    void commit() {
        committed = log.size();
        savepointMarks.clear();
    }

    void rollback() {
        savepointMarks.clear();
        cutLog(committed);
    }

    /**
     * Writes the draft into a new database file: the committed statements in a transaction of their
     * own, committed at once; then begins the turn's transaction and replays the uncommitted ones,
     * reopening the open savepoints (named {@code sb_1}, {@code sb_2}, ...) where they were.
     *
     * @throws DurableObjectException {@code SQL_ERROR} if a statement fails on the file
     */
    void replayInto(Connection file) {
        if (committed > 0) {
            execute(file, "BEGIN");
            log.subList(0, committed).forEach(s -> s.runOn(file));
            execute(file, "COMMIT");
        }
        execute(file, "BEGIN");
        int next = committed;
        for (int depth = 1; depth <= savepointMarks.size(); depth++) {
            for (; next < savepointMarks.get(depth - 1); next++) {
                log.get(next).runOn(file);
            }
            execute(file, "SAVEPOINT sb_" + depth);
        }
        for (; next < log.size(); next++) {
            log.get(next).runOn(file);
        }
    }

    /**
     * Hands over the shadow, which has every statement of the log applied, so that it can become the
     * object's database; null if there is none or a savepoint is open (the caller then replays the
     * log into a new database). The draft keeps its log and builds a new shadow if used again.
     */
    Connection takeShadow() {
        if (shadow == null || !savepointMarks.isEmpty()) {
            return null;
        }
        Connection taken = shadow;
        shadow = null;
        return taken;
    }

    /** Frees the shadow database; the log stays. */
    void close() {
        if (shadow != null) {
            try {
                shadow.close();
            } catch (SQLException ignored) {
                // an in-memory database has nothing to lose
            }
            shadow = null;
        }
    }

    private Connection shadow() {
        if (shadow == null) {
            try {
                var config = new SQLiteConfig();
                config.setGetGeneratedKeys(false); // nothing reads them; see SqliteStorageEngine.connect
                config.enforceForeignKeys(true); // as the file's connection, so statements answer alike
                shadow = config.createConnection("jdbc:sqlite::memory:");
            } catch (SQLException e) {
                throw new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED,
                        "could not open an in-memory SQLite database: " + e.getMessage()
                                + "; check that the JVM has native memory left", e);
            }
            for (BoundStatement statement : log) {
                statement.runOn(shadow);
            }
        }
        return shadow;
    }

    private void cutLog(int size) {
        if (size < log.size()) {
            log.subList(size, log.size()).clear();
            close(); // rebuilt from the log when next needed
        }
    }

    /** Whether every table, in the main and the temp schema, is empty (so only schema was declared). */
    private static boolean holdsNoRows(Connection c) {
        var tables = new ArrayList<String>();
        try (var st = c.createStatement();
             var rs = st.executeQuery("SELECT 'main', name FROM main.sqlite_schema WHERE type = 'table'"
                     + " UNION ALL SELECT 'temp', name FROM temp.sqlite_schema WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1) + "." + quoted(rs.getString(2)));
            }
            for (String table : tables) {
                try (var rows = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                    if (rows.next() && rows.getInt(1) != 0) {
                        return false;
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            return false; // a table that cannot be read (a virtual one) may hold data: take the file
        }
    }

    /** Returns a number that changes whenever the main or the temp schema changes. */
    private static long schemaVersion(Connection c) {
        long sum = 0;
        for (String schema : List.of("main", "temp")) {
            String pragma = "PRAGMA " + schema + ".schema_version";
            try (var st = c.createStatement(); var rs = st.executeQuery(pragma)) {
                sum += rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                throw sqlFailed(pragma, e);
            }
        }
        return sum;
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static void truncate(List<Integer> list, int size) {
        if (size < list.size()) {
            list.subList(size, list.size()).clear();
        }
    }

    private static void execute(Connection c, String statement) {
        try (var st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw sqlFailed(statement, e);
        }
    }

    private static DurableObjectException sqlFailed(String statement, SQLException e) {
        return new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED,
                "the in-memory schema could not run " + statement + ": " + e.getMessage()
                        + "; report this with the statements the object ran", e);
    }
}
