package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * Which objects have an alarm, in {@code <stateDir>/_sb_alarms.sqlite}, so the runtime finds every
 * stored alarm at start without opening every object's file (S-ALM-2).
 *
 * <p>The object's own file is the truth; this index is a superset of it. An alarm is added here
 * before the object's commit and removed only after it, so a crash between the two leaves an extra
 * entry (the scheduler checks the object's file before firing), never a missing one.
 *
 * <p>A commit writes here only when an alarm appears, moves earlier or is deleted (see
 * {@link AlarmChange}); an alarm moved later keeps its earlier entry, which the scheduler corrects
 * from the object's file when it fires.
 *
 * <p>Threads: every method is synchronized.
 */
final class AlarmIndex implements AutoCloseable {

    static final String FILE_NAME = "_sb_alarms.sqlite";

    private final Path file;
    private final SQLiteConfig.SynchronousMode synchronous;
    private Connection connection;
    private long writes; // statements that changed the index, for tests

    AlarmIndex(Path stateDir, SQLiteConfig.SynchronousMode synchronous) {
        this.file = stateDir.resolve(FILE_NAME);
        this.synchronous = synchronous;
    }

    synchronized void put(String binding, DurableObjectId id, Instant time) {
        try (var ps = connection().prepareStatement(
                "INSERT OR REPLACE INTO alarms(binding, id, time, name) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, binding);
            ps.setString(2, id.toString());
            ps.setString(3, time.toString());
            ps.setString(4, id.name().orElse(null));
            ps.executeUpdate();
            writes++;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    synchronized void remove(String binding, DurableObjectId id) {
        if (connection == null && !Files.exists(file)) {
            return;
        }
        try (var ps = connection().prepareStatement("DELETE FROM alarms WHERE binding = ? AND id = ?")) {
            ps.setString(1, binding);
            ps.setString(2, id.toString());
            ps.executeUpdate();
            writes++;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    synchronized List<StoredAlarm> all() {
        var result = new ArrayList<StoredAlarm>();
        if (connection == null && !Files.exists(file)) {
            return result;
        }
        try (var st = connection().createStatement();
             var rs = st.executeQuery("SELECT binding, id, time, name FROM alarms")) {
            while (rs.next()) {
                String hex = rs.getString(2);
                if (DurableObjectId.isHex64(hex)) {
                    // The name lets an object woken by its alarm after a restart read ctx.id().name() (S-ID-5).
                    result.add(new StoredAlarm(rs.getString(1), new DurableObjectId(hex, rs.getString(4)),
                            Instant.parse(rs.getString(3))));
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return result;
    }

    /** Returns how many puts and removes this index has run since it was created. */
    synchronized long writes() {
        return writes;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing at shutdown; the data is committed
            }
            connection = null;
        }
    }

    private static void addNameColumnToAnOlderIndex(java.sql.Statement st) throws SQLException {
        try (var rs = st.executeQuery("SELECT 1 FROM pragma_table_info('alarms') WHERE name = 'name'")) {
            if (rs.next()) {
                return;
            }
        }
        st.executeUpdate("ALTER TABLE alarms ADD COLUMN name TEXT");
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            var config = new SQLiteConfig();
            config.setGetGeneratedKeys(false); // nothing reads them; see SqliteStorageEngine.connect
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(synchronous);
            config.setBusyTimeout(5000);
            connection = config.createConnection("jdbc:sqlite:" + file);
            try (var st = connection.createStatement()) {
                st.executeUpdate("CREATE TABLE IF NOT EXISTS alarms(binding TEXT NOT NULL, id TEXT NOT NULL,"
                        + " time TEXT NOT NULL, name TEXT, PRIMARY KEY (binding, id)) WITHOUT ROWID");
                addNameColumnToAnOlderIndex(st);
            }
        }
        return connection;
    }

    private DurableObjectException failed(SQLException e) {
        return new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED,
                "alarm index " + file + " failed: " + e.getMessage() + "; check the disk and the state directory", e);
    }
}
