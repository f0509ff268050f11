package dev.switchboard.durable.storage;

import dev.switchboard.durable.ListOptions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime's own tables in an object's database: key-value entries in {@code _sb_kv} (keys as
 * UTF-8 BLOBs, so SQLite's byte order is the key order, S-STO-2) and the alarm in {@code _sb_meta}.
 *
 * <p>Reads of an object without a database find nothing; deletes there change nothing; only a put
 * or a new alarm creates the database. Remembers how the transaction moved the alarm, for the
 * alarm index.
 *
 * <p>Keeps the values of the last few keys read by {@link #get} (see {@link ReadCache}), as the open
 * transaction sees them: writes through this class keep them current, a rollback that undid
 * something forgets them. Nothing else writes {@code _sb_kv}: user SQL may not touch {@code _sb_}
 * tables, and the connection is this process's alone (exclusive locking).
 *
 * <p>Threads: not thread-safe; its {@link SqliteObjectStore} calls it under the store's lock.
 */
final class KeyValueTables {

    /** Created in every database when it is opened. */
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS _sb_kv(key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS _sb_meta(name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID");

    /** Creates the storage's tables in {@code c} if they are not there. */
    static void createIn(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            for (String table : SCHEMA) {
                st.executeUpdate(table);
            }
        }
    }

    private final ObjectDatabase database;
    private Optional<Instant> alarmBefore; // the committed alarm, once the transaction changed it; else null
    /**
     * The alarm as the open transaction sees it, or null until read: a chat-style object sets its
     * alarm on every event, and each commit asks for it twice more, so reading and parsing it from
     * SQLite every time was a quarter of such a turn. Only {@link #setAlarm} changes the row (user
     * SQL cannot write {@code _sb_} tables), and a rollback forgets the value.
     */
    private Optional<Instant> current;
    private long alarmReads; // reads of the stored alarm, for tests
    /** Created by the first {@link #get}: most objects only write, or read by listing. */
    private ReadCache cache;
    private long keyReads; // reads of a key from the database, for tests

    KeyValueTables(ObjectDatabase database) {
        this.database = database;
    }

    /** Returns the stored value, or null; the array may be the one kept in memory, so callers only read it. */
    byte[] get(String key) {
        if (cache != null) {
            byte[] known = cache.get(key);
            if (known != null) {
                return known == ReadCache.ABSENT ? null : known;
            }
        }
        Connection c = database.forRead();
        if (c == null) {
            return null;
        }
        keyReads++;
        byte[] value;
        try {
            var ps = database.prepared(c, "SELECT value FROM _sb_kv WHERE key = ?");
            ps.setBytes(1, utf8(key));
            try (var rs = ps.executeQuery()) {
                value = rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw database.failed("read", e);
        }
        if (cache == null) {
            cache = new ReadCache();
        }
        cache.read(key, value);
        return value;
    }

    List<ObjectStore.Entry> list(ListOptions options) {
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
        String query = "SELECT key, value FROM _sb_kv"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY key " + (options.reverse() ? "DESC" : "ASC")
                + (options.limit() > 0 ? " LIMIT ?" : "");
        var result = new ArrayList<ObjectStore.Entry>();
        Connection c = database.forRead();
        if (c == null) {
            return result;
        }
        try {
            // A few shapes only (which bounds are set, the order, the limit), so the cache stays small.
            var ps = database.prepared(c, query);
            for (int i = 0; i < args.size(); i++) {
                ps.setBytes(i + 1, args.get(i));
            }
            if (options.limit() > 0) {
                ps.setLong(args.size() + 1, options.limit());
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = new String(rs.getBytes(1), StandardCharsets.UTF_8);
                    result.add(new ObjectStore.Entry(key, rs.getBytes(2)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw database.failed("list", e);
        }
    }

    void put(String key, byte[] value) {
        update("INSERT OR REPLACE INTO _sb_kv(key, value) VALUES (?, ?)", utf8(key), value);
        if (cache != null) {
            cache.written(key, value);
        }
    }

    boolean delete(String key) {
        boolean existed = database.exists() && update("DELETE FROM _sb_kv WHERE key = ?", utf8(key)) > 0;
        if (cache != null) {
            cache.written(key, null);
        }
        return existed;
    }

    void deleteAll() {
        if (database.exists()) {
            update("DELETE FROM _sb_kv");
        }
        cache = null;
    }

    Optional<Instant> alarm() {
        if (current == null) {
            current = readAlarm();
        }
        return current;
    }

    private Optional<Instant> readAlarm() {
        alarmReads++;
        Connection c = database.forRead();
        if (c == null) {
            return Optional.empty();
        }
        try (var st = c.createStatement();
             var rs = st.executeQuery("SELECT value FROM _sb_meta WHERE name = 'alarm'")) {
            return rs.next() && rs.getString(1) != null ? Optional.of(Instant.parse(rs.getString(1)))
                    : Optional.empty();
        } catch (SQLException e) {
            throw database.failed("read the alarm of", e);
        }
    }

    void setAlarm(Instant time) {
        if (time == null && !database.exists()) {
            return; // no database, so no alarm to delete
        }
        if (alarmBefore == null) {
            alarmBefore = alarm(); // the first change in this transaction: what is committed now
        }
        if (time == null) {
            update("DELETE FROM _sb_meta WHERE name = 'alarm'");
        } else {
            update("INSERT OR REPLACE INTO _sb_meta(name, value) VALUES ('alarm', CAST(? AS TEXT))",
                    time.toString().getBytes(StandardCharsets.UTF_8));
        }
        current = Optional.ofNullable(time);
    }

    /** Returns how many times the stored alarm was read from the database; for tests. */
    long alarmReads() {
        return alarmReads;
    }

    /** The connection was closed: another process may change the file before it opens again. */
    void closed() {
        cache = null;
    }

    /** Returns how many times {@link #get} read a key from the database; for tests. */
    long keyReads() {
        return keyReads;
    }

    /** Returns how the open transaction moves the alarm, if it set or deleted it. */
    Optional<AlarmChange> alarmChange() {
        return alarmBefore == null ? Optional.empty() : Optional.of(new AlarmChange(alarmBefore, alarm()));
    }

    /** Forgets the alarm change: the transaction was committed or rolled back. */
    void settled() {
        alarmBefore = null;
    }

    /**
     * The transaction rolled back, wholly or to a savepoint: the alarm and the cached values are read
     * again when asked.
     */
    void rolledBack() {
        current = null;
        cache = null;
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

    private int update(String query, byte[]... args) {
        try {
            var ps = database.prepared(database.forWrite(), query);
            for (int i = 0; i < args.length; i++) {
                ps.setBytes(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw database.failed("write", e);
        }
    }

    private static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The values of the last {@value #ENTRIES} keys read by {@link #get}, each at most {@value #MAX_VALUE}
     * bytes, as the open transaction sees them. A key enters only by being read, and a write keeps a
     * known key current, so an object that reads a few small keys on every wake (a counter, a
     * sequence number) finds them in memory across hibernations, while an object that writes many
     * keys keeps nothing here.
     */
    static final class ReadCache {

        static final int ENTRIES = 16;
        static final int MAX_VALUE = 1024;
        /** A key known to have no value. */
        static final byte[] ABSENT = new byte[0];

        private final Map<String, byte[]> values = new LinkedHashMap<>(ENTRIES * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > ENTRIES;
            }
        };

        /** Returns the value, {@link #ABSENT}, or null when the key is not known. */
        byte[] get(String key) {
            return values.get(key);
        }

        void read(String key, byte[] value) {
            if (value == null) {
                values.put(key, ABSENT);
            } else if (value.length <= MAX_VALUE) {
                values.put(key, value);
            }
        }

        void written(String key, byte[] value) {
            if (!values.containsKey(key)) {
                return;
            }
            if (value != null && value.length > MAX_VALUE) {
                values.remove(key);
            } else {
                values.put(key, value == null ? ABSENT : value);
            }
        }
    }
}
